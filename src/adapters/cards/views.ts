// Views: domain data and the user's language in, card JSON out. Every value that a person typed
// (names, group names, their own message) is escaped here, once, before it reaches a template.

import type { Actor } from '../../domain/actor.js';
import type { Group } from '../../domain/directory.js';
import { ROLE_NAMES } from '../../domain/roles.js';
import { text, type Locale, type TextKey } from '../i18n/text.js';
import { escapeMarkdown as esc, renderCard, type CardJson } from './render-card.js';
import { shownBack, shownBackParts, SHOWN_BACK } from './card-parts.js';

export interface CommandLine {
  readonly command: string;
  readonly description: string;
}

function rolesOf(locale: Locale, actor: Actor) {
  return actor.memberships.map((m) => ({
    group: esc(m.group.name),
    roles: m.roles.map((r) => ROLE_NAMES[r][locale]).join(', '),
  }));
}

export interface HelpAdminView {
  readonly conversationType: 'personal' | 'groupChat' | 'channel';
  readonly linkedGroup?: Group | undefined;
  readonly announcement: boolean;
  readonly groups: readonly Group[];
}

export function helpCard(
  locale: Locale,
  view: {
    actor: Actor;
    commands: readonly CommandLine[];
    notUnderstood?: string | undefined;
    admin?: HelpAdminView | undefined;
    inGroupConversation: boolean;
    /** This is a kernegruppe's chat and the person runs its tenders: offer "Nyt udbud". */
    canStartTender?: boolean | undefined;
    /** A politician (or a chef, where the tenant allows): offer "Tilføj emne". */
    canAddTopic?: boolean | undefined;
    /** The Byråd, the chefs and admins: offer the dialogmøde's agenda. */
    canReadAgenda?: boolean | undefined;
    /** In a kernegruppe's chat, for its members and admins: offer its activity catalogue. */
    catalogueGroupId?: string | undefined;
    /** In a kernegruppe's chat, for its members and admins: who does what there (rights-views.ts rightsHelpPart). */
    rights?: { show: boolean; heading: string; rows: { action: string; roles: string }[]; adminNote: string; mine: string } | undefined;
  },
): CardJson {
  const t = (key: TextKey, params?: Record<string, string>) => text(locale, key, params);
  const quoted = view.notUnderstood !== undefined ? shownBackParts(locale, view.notUnderstood, SHOWN_BACK.title) : undefined;
  const intro = quoted ? [t('help.notUnderstood', { text: quoted.text }), quoted.note].filter(Boolean).join(' ') : t('help.greeting', { name: esc(view.actor.name) });
  const admin = view.admin && view.admin.conversationType !== 'personal' ? view.admin : undefined;
  const status = admin
    ? [admin.linkedGroup ? t('help.linkedTo', { group: esc(admin.linkedGroup.name) }) : t('help.notLinked'), admin.announcement ? t('help.isAnnouncement') : '']
        .filter(Boolean)
        .join(' ')
    : '';
  return renderCard('help', {
    title: t('help.title'),
    intro,
    rolesHeading: t('help.rolesHeading'),
    noRoles: t('help.noRoles'),
    roles: rolesOf(locale, view.actor),
    rights: view.rights ?? { show: false, heading: '', rows: [], adminNote: '', mine: '' },
    commandsHeading: t('help.commandsHeading'),
    commands: view.commands.map((c) => ({ command: esc(c.command), description: esc(c.description) })),
    hint: view.inGroupConversation ? '' : t('help.groupChatHint'),
    profileButton: t('help.profileButton'),
    newTenderButton: view.canStartTender ? t('help.newTenderButton') : '',
    newTopicButton: view.canAddTopic ? t('button.addTopic') : '',
    agendaButton: view.canReadAgenda ? t('button.seeAgenda') : '',
    linksButton: view.admin ? t('help.linksButton') : '',
    catalogueButton: view.catalogueGroupId ? t('catalogue.helpButton') : '',
    catalogueGroupId: view.catalogueGroupId ?? '',
    admin: {
      show: Boolean(admin),
      heading: t('help.adminHeading'),
      status,
      groupChoiceLabel: t('help.groupChoiceLabel'),
      // Tilknyt pressed without a choice would send nothing to link to; Teams asks for one first.
      groupChoiceRequired: t('help.groupChoiceRequired'),
      currentGroup: admin?.linkedGroup?.id ?? '',
      groups: (admin?.groups ?? []).map((g) => ({ id: g.id, name: g.name })),
      linkButton: t('help.linkButton'),
      announceVerb: admin?.conversationType === 'channel' ? (admin.announcement ? 'admin.announcement.off' : 'admin.announcement.on') : '',
      announceButton: admin?.announcement ? t('help.announceOffButton') : t('help.announceOnButton'),
    },
  });
}

export function profileCard(locale: Locale, actor: Actor, isAdmin: boolean): CardJson {
  return renderCard('profile', {
    title: text(locale, 'profile.title'),
    name: esc(actor.name),
    noRoles: text(locale, 'profile.noRoles'),
    roles: rolesOf(locale, actor),
    adminLine: isAdmin ? text(locale, 'profile.admin') : '',
  });
}

export type NoticeStyle = 'good' | 'attention' | 'default';

/** A short confirmation or refusal. `input` is what the user sent, shown back so nothing is lost. */
export function noticeCard(locale: Locale, notice: { text: string; title?: string | undefined; style: NoticeStyle; input?: string | undefined }): CardJson {
  return renderCard('notice', {
    title: notice.title ?? (notice.style === 'attention' ? text(locale, 'error.title') : text(locale, 'bot.name')),
    text: notice.text,
    style: notice.style,
    inputLabel: text(locale, 'error.yourInput'),
    input: notice.input ? shownBack(locale, notice.input) : '',
  });
}

export interface LinkLine {
  readonly conversationName?: string | undefined;
  readonly groupName?: string | undefined;
  readonly announcement: boolean;
}

export function linksCard(locale: Locale, links: readonly LinkLine[]): CardJson {
  return renderCard('links', {
    title: text(locale, 'links.title'),
    none: text(locale, 'links.none'),
    links: links.map((l) => ({
      conversation: esc(l.conversationName ?? text(locale, 'links.unknownConversation')),
      what: [l.groupName ? `${esc(l.groupName)} (${text(locale, 'links.group')})` : '', l.announcement ? text(locale, 'links.announcement') : '']
        .filter(Boolean)
        .join(', '),
    })),
  });
}
