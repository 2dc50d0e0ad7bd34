// Handlers for help, profile and the admin commands on links. Each returns the card to show, so the
// same handler serves a typed command (sent as a message) and a card button (returned to Teams).
// They read the activity, call a use case, and pick a view; nothing else.

import { kernegruppeOfChat, managesGroupMeetings } from '../../app/group-meeting-rights.js';
import { mayAddTopicsIn, mayReadAgenda } from '../../app/agenda.js';
import { isAdmin } from '../../domain/actor.js';
import { findGroupById, linkOf, type Directory } from '../../domain/directory.js';
import {
  linkConversationToGroup,
  listLinks,
  markAnnouncementChannel,
  unlinkConversationFromGroup,
  whoIsActing as readActing,
  type Acting,
  type DirectoryDeps,
} from '../../app/directory-admin.js';
import type { CalendarRepository, ConversationRepository } from '../../app/ports.js';
import { tenderPlaceFor } from '../../app/tenders.js';
import { mayListActivitiesHere } from '../../app/activity-followup.js';
import { catalogueRights } from '../../app/catalogue.js';
import { groupRights } from '../../app/rights.js';
import { rightsHelpPart } from '../cards/rights-views.js';
import type { CardJson } from '../cards/render-card.js';
import { escapeMarkdown as esc } from '../cards/render-card.js';
import { helpCard, linksCard, noticeCard, profileCard } from '../cards/views.js';
import { text, type TextKey } from '../i18n/text.js';
import { commandsFor, type HelpPlace } from './commands.js';
import type { Turn } from './turn.js';

export type HandlerDeps = DirectoryDeps & { readonly conversations: ConversationRepository; readonly calendars: CalendarRepository };

const whoIsActing = (deps: HandlerDeps, turn: Turn): Promise<Acting> => readActing(deps, turn.who.tenantId, turn.who.userId, turn.who.userName);

const refusal = (turn: Turn, key: TextKey, params: Record<string, string> = {}, input?: string) =>
  noticeCard(turn.who.locale, { text: text(turn.who.locale, key, params), style: 'attention', input });

const done = (turn: Turn, key: TextKey, params: Record<string, string> = {}) =>
  noticeCard(turn.who.locale, { text: text(turn.who.locale, key, params), style: 'good' });

const groupList = (directory: Directory | undefined) => esc((directory?.groups ?? []).map((g) => g.name).join(', '));

export async function showHelp(deps: HandlerDeps, turn: Turn, notUnderstood?: string): Promise<CardJson> {
  const acting = await whoIsActing(deps, turn);
  const { actor, directory: versioned } = acting;
  const directory = versioned?.value;
  const { conversation, locale } = turn.who;
  const link = directory ? linkOf(directory, conversation.conversationId) : undefined;
  const place: HelpPlace = {
    conversationType: conversation.conversationType,
    canAddTopic: await mayAddTopicsIn(deps, actor),
    canStartTender: tenderPlaceFor(acting, conversation.conversationId).ok,
    linked: Boolean(link?.group),
    announcement: link?.announcement ?? false,
    canListActivities: mayListActivitiesHere(acting, conversation.conversationId),
    catalogueGroupId: directory && link?.group && findGroupById(directory, link.group)?.kind === 'kernegruppe' && catalogueRights(actor, link.group).read ? link.group : undefined,
    managesGroupMeetingsHere: Boolean(kernegruppeOfChat(directory, conversation.conversationId) && link?.group && managesGroupMeetings(actor, link.group)),
  };
  // In a kernegruppe's chat its members (and admins) see who does what there, and what they may do.
  const rights = directory && place.catalogueGroupId ? groupRights(actor, directory, place.catalogueGroupId) : undefined;
  return helpCard(locale, {
    catalogueGroupId: place.catalogueGroupId,
    rights: rights && rightsHelpPart(locale, rights),
    actor,
    commands: commandsFor(actor, locale, place),
    notUnderstood,
    inGroupConversation: conversation.conversationType !== 'personal',
    canStartTender: place.canStartTender,
    canAddTopic: place.canAddTopic,
    canReadAgenda: mayReadAgenda(actor),
    admin:
      isAdmin(actor) && directory
        ? {
            conversationType: conversation.conversationType,
            linkedGroup: link?.group ? findGroupById(directory, link.group) : undefined,
            announcement: link?.announcement ?? false,
            groups: directory.groups,
          }
        : undefined,
  });
}

export async function showProfile(deps: HandlerDeps, turn: Turn): Promise<CardJson> {
  const { actor } = await whoIsActing(deps, turn);
  return profileCard(turn.who.locale, actor, isAdmin(actor));
}

/** The outcome of a link: the card for the person who asked, and a line for everyone when the chat's group changed. */
export interface LinkOutcome {
  readonly card: CardJson;
  readonly announce?: string | undefined;
}

export async function linkHere(deps: HandlerDeps, turn: Turn, groupText: string, input: string): Promise<LinkOutcome> {
  const acting = await whoIsActing(deps, turn);
  const { actor } = acting;
  const directory = acting.directory?.value;
  const result = await linkConversationToGroup(deps, acting, turn.who.conversation, groupText);
  if (!result.ok) {
    switch (result.code) {
      case 'GROUP.NOT_FOUND':
        return { card: refusal(turn, 'error.groupNotFound', { text: esc(groupText), groups: groupList(directory) }, input) };
      case 'GROUP.NAME_MISSING':
        return { card: refusal(turn, 'error.groupNameMissing', { groups: groupList(directory) }, input) };
      default:
        return { card: refusal(turn, errorKey(result.code), {}, input) };
    }
  }
  const { movedFrom, replaced, unchanged } = result.value;
  const group = esc(result.value.group.name);
  turn.log.info({ groupId: result.value.group.id, movedFrom, replaced: replaced?.id, unchanged }, 'conversation linked');
  if (unchanged) return { card: done(turn, 'link.unchanged', { group }) };
  const t = (key: TextKey, params: Record<string, string> = {}) => text(turn.who.locale, key, params);
  const lines = [t('link.done', { group }), movedFrom ? t('link.movedNote') : '', replaced ? t('link.replacedNote', { old: esc(replaced.name) }) : ''];
  return {
    card: noticeCard(turn.who.locale, { text: lines.filter(Boolean).join(' '), style: 'good' }),
    announce: t('link.announcedBy', { name: esc(actor.name), group }),
  };
}

export async function unlinkHere(deps: HandlerDeps, turn: Turn, input: string): Promise<CardJson> {
  const result = await unlinkConversationFromGroup(deps, await whoIsActing(deps, turn), turn.who.conversation);
  if (!result.ok) return refusal(turn, errorKey(result.code), {}, input);
  turn.log.info({ groupId: result.value.group.id }, 'conversation unlinked');
  return done(turn, 'unlink.done', { group: esc(result.value.group.name) });
}

export async function announceHere(deps: HandlerDeps, turn: Turn, on: boolean, input: string): Promise<CardJson> {
  const result = await markAnnouncementChannel(deps, await whoIsActing(deps, turn), turn.who.conversation, on);
  if (!result.ok) return refusal(turn, errorKey(result.code), {}, input);
  turn.log.info({ announcement: on, unchanged: result.value.unchanged }, 'announcement channel changed');
  if (result.value.unchanged)
    return done(turn, 'announce.unchanged', { state: text(turn.who.locale, on ? 'announce.stateOn' : 'announce.stateOff') });
  return done(turn, on ? 'announce.on' : 'announce.off');
}

export async function showLinks(deps: HandlerDeps, turn: Turn, input: string): Promise<CardJson> {
  const result = listLinks(await whoIsActing(deps, turn));
  // Seeing the links is what was refused here, not changing them.
  if (!result.ok) return refusal(turn, result.code === 'ADMIN.REQUIRED' ? 'error.adminOnlyLinks' : errorKey(result.code), {}, input);
  // Links made from a file carry no name; the conversation record (from installation) usually has one.
  const lines = await Promise.all(
    result.value.map(async (v) => ({
      conversationName: v.link.conversationName ?? (await recordedName(deps, turn.who.tenantId, v.link.conversationId)) ?? v.link.conversationId,
      groupName: v.group?.name,
      announcement: v.link.announcement,
    })),
  );
  return linksCard(turn.who.locale, lines);
}

async function recordedName(deps: HandlerDeps, tenantId: string, conversationId: string): Promise<string | undefined> {
  const record = (await deps.conversations.get(tenantId, conversationId))?.value;
  if (!record) return undefined;
  if (record.conversationType !== 'channel') return record.name;
  // Teams sends no name for a team's General channel.
  return [record.teamName, record.name ?? 'General'].filter(Boolean).join(' › ');
}

function errorKey(code: string): TextKey {
  switch (code) {
    case 'ADMIN.REQUIRED':
      return 'error.adminRequired';
    case 'LINK.PERSONAL_CHAT':
      return 'error.personalChat';
    case 'LINK.NOT_LINKED':
      return 'error.notLinked';
    case 'ANNOUNCEMENT.NOT_A_CHANNEL':
      return 'error.notAChannel';
    case 'DIRECTORY.MISSING':
      return 'error.directoryMissing';
    case 'DIRECTORY.BUSY':
      return 'error.busy';
    default:
      throw new Error(`no text for result code ${code}`);
  }
}
