// The chat commands: how a message's text is read as a command, who may see each command in the
// help card, and their usage lines. Danish words first, English ones as aliases.

import { isAdmin, type Actor } from '../../domain/actor.js';
import { mayAddTopics, mayReadAgenda } from '../../app/agenda.js';
import { mayLinkHere, mayMarkAnnouncementHere } from '../../app/directory-admin.js';
import { mayReadCrossStatus } from '../../app/cross-status.js';
import { text, type Locale, type TextKey } from '../i18n/text.js';

export type Command =
  | { kind: 'help' }
  | { kind: 'whoami' }
  | { kind: 'link'; group: string }
  | { kind: 'unlink' }
  | { kind: 'announce'; on: boolean }
  | { kind: 'links' }
  | { kind: 'newTender' }
  | { kind: 'tenders' }
  | { kind: 'myBids' }
  | { kind: 'meetings' }
  | { kind: 'reminders' }
  | { kind: 'moveMeeting'; meetingId: string; date: string; time: string }
  | { kind: 'cancelMeeting'; meetingId: string; reason: string }
  /** meetingKind '' (none written): the meeting of the kernegruppe whose chat this is. */
  | { kind: 'addMeeting'; meetingKind: string; date: string; time: string; title: string }
  /** "flyt møde …", "aflys møde" or "tilføj møde …" whose meeting, date or time cannot be read: answered with the format, not the help card. */
  | { kind: 'meetingCommandUnreadable'; command: 'moveMeeting' | 'cancelMeeting' | 'addMeeting' }
  | { kind: 'newTopic'; title?: string | undefined }
  | { kind: 'agenda' }
  | { kind: 'agendaText' }
  | { kind: 'activities' }
  /** `katalog [periode]`: the kernegruppe's activity catalogue; a period that is not a year is refused by the handler, shown back. */
  | { kind: 'catalogue'; period?: string | undefined }
  /** `status kernegrupper`: the status across all kernegrupper, for chefs, tovholdere and admins. */
  | { kind: 'crossStatus' }
  /** `persondata [<name, e-mail or Entra id>]`: one person's data (export, erasure), or the log of erasures; admins in their 1:1. `personId` is what was typed. */
  | { kind: 'personData'; personId?: string | undefined }
  | { kind: 'unknown'; text: string };

/**
 * A date as "2026-12-16" or the Danish way, "16.12.2026" (the year in full), then the time as
 * "17:00", "17.00" or "kl. 17.00". Groups: ISO year, month, day; Danish day, month, year; hour; minute.
 */
const DATE_TIME = String.raw`(?:(\d{4})-(\d{2})-(\d{2})|(\d{1,2})\.(\d{1,2})\.(\d{4}))\s+(?:kl\.?\s*)?(\d{1,2})[:.](\d{2})`;

/** The date as yyyy-mm-dd and the time as HH:mm, from DATE_TIME's groups starting at `first`. A date that does not exist (31.02.2027) is left for the use case to refuse. */
function dateTimeOf(m: RegExpExecArray, first: number): { date: string; time: string } {
  const g = (i: number) => m[first + i];
  const date = g(0) ? `${g(0)}-${g(1)}-${g(2)}` : `${g(5)}-${g(4)!.padStart(2, '0')}-${g(3)!.padStart(2, '0')}`;
  return { date, time: `${g(6)!.padStart(2, '0')}:${g(7)}` };
}

/** Teams may send non-breaking spaces, several spaces and trailing newlines: one line, as written. */
function tidyMessage(raw: string | undefined): string {
  return (raw ?? '').normalize('NFC').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The message as a command is read: tidied, and without a final full stop, "!" or "?". */
export function normaliseMessage(raw: string | undefined): string {
  return tidyMessage(raw).replace(/[.!?]+$/, '').trim();
}

export function parseCommand(raw: string | undefined): Command {
  const original = normaliseMessage(raw);
  const t = original.toLowerCase();
  if (/^(hjælp|hjaelp|help|\?|menu|start)$/.test(t)) return { kind: 'help' };
  if (/^(hvem er jeg|mine roller|roller|who am i|whoami|my roles)$/.test(t)) return { kind: 'whoami' };
  if (/^(fjern tilknytning|afkobl|unlink)$/.test(t)) return { kind: 'unlink' };
  if (/^(fjern opslagskanal|fjern som opslagskanal|remove announcement channel)$/.test(t)) return { kind: 'announce', on: false };
  if (/^((markér|marker) (som )?opslagskanal|opslagskanal|announcement channel)$/.test(t)) return { kind: 'announce', on: true };
  if (/^(tilknytninger|links)$/.test(t)) return { kind: 'links' };
  if (/^(nyt udbud|opret udbud|new tender)$/.test(t)) return { kind: 'newTender' };
  if (/^(udbud|se udbud|åbne udbud|tenders|open tenders)$/.test(t)) return { kind: 'tenders' };
  if (/^(mine bud|my bids)$/.test(t)) return { kind: 'myBids' };
  if (/^(møder|moeder|næste møder|meetings)$/.test(t)) return { kind: 'meetings' };
  if (/^(påmindelser|paamindelser|reminders)$/.test(t)) return { kind: 'reminders' };
  if (/^(status (for )?(alle )?kernegrupper(ne)?|kernegruppestatus|core groups? status|status (of )?(all )?core groups)$/.test(t)) return { kind: 'crossStatus' };
  if (/^(nyt emne|emne|tilføj emne|new topic|add topic|topic)$/.test(t)) return { kind: 'newTopic' };
  const titled = /^(?:nyt emne|emne|tilføj emne|new topic|add topic)[:\s]\s*(.+)$/i.exec(original);
  if (titled) return { kind: 'newTopic', title: titled[1]!.trim() };
  if (/^(dagsorden|dagsordenen|agenda)$/.test(t)) return { kind: 'agenda' };
  if (/^(aktiviteter|activities)$/.test(t)) return { kind: 'activities' };
  if (/^(dagsorden|dagsordenen|agenda) (som |i |as )?(tekst|text|markdown)$/.test(t)) return { kind: 'agendaText' };
  const catalogueCmd = /^(?:katalog|kataloget|aktivitetskatalog|aktivitetskataloget|catalogue|catalog|activity catalogue)(?:\s+(.+))?$/i.exec(original);
  if (catalogueCmd) return { kind: 'catalogue', period: catalogueCmd[1]?.trim() };
  const move = new RegExp(`^(?:flyt møde|move meeting)\\s+(\\S+)\\s+(?:til|to)\\s+${DATE_TIME}$`, 'i').exec(original);
  if (move) return { kind: 'moveMeeting', meetingId: move[1]!.toLowerCase(), ...dateTimeOf(move, 2) };
  const cancelMeeting = /^(?:aflys møde|cancel meeting)\s+(\S+)(?:\s+(.*))?$/i.exec(original);
  if (cancelMeeting) return { kind: 'cancelMeeting', meetingId: cancelMeeting[1]!.toLowerCase(), reason: cancelMeeting[2] ?? '' };
  // In a kernegruppe's chat no kind is written: "tilføj møde 10.03.2027 15:00 Opfølgning" is the group's meeting.
  const addHere = new RegExp(`^(?:tilføj møde|add meeting)\\s+${DATE_TIME}(?:\\s+(.*))?$`, 'i').exec(original);
  if (addHere) return { kind: 'addMeeting', meetingKind: '', ...dateTimeOf(addHere, 1), title: addHere[9] ?? '' };
  const add = new RegExp(`^(?:tilføj møde|add meeting)\\s+(\\S+)\\s+${DATE_TIME}(?:\\s+(.*))?$`, 'i').exec(original);
  if (add) return { kind: 'addMeeting', meetingKind: add[1]!.toLowerCase(), ...dateTimeOf(add, 2), title: add[10] ?? '' };
  if (/^(flyt møde|move meeting)(\s|$)/.test(t)) return { kind: 'meetingCommandUnreadable', command: 'moveMeeting' };
  if (/^(aflys møde|cancel meeting)$/.test(t)) return { kind: 'meetingCommandUnreadable', command: 'cancelMeeting' };
  if (/^(tilføj møde|add meeting)(\s|$)/.test(t)) return { kind: 'meetingCommandUnreadable', command: 'addMeeting' };
  // Whatever follows is a name, an e-mail or an id as typed; the handler finds the person, or shows it back with how to search.
  const personData = /^(?:persondata|personal data)(?:\s+(.+))?$/i.exec(original);
  if (personData) return { kind: 'personData', personId: personData[1] };
  const link = /^(?:tilknyt|link)(?:\s+(?:til|to))?(?:\s+(.+))?$/i.exec(original);
  if (link) return { kind: 'link', group: link[1]?.trim() ?? '' };
  // Shown back as written: "hvornår er mødet?" keeps its question mark.
  return { kind: 'unknown', text: tidyMessage(raw) };
}

/**
 * Where a help card is shown and what the person may do there. Each command is listed only where
 * its use case would let this person use it: the card offers nothing it then refuses.
 */
export interface HelpPlace {
  readonly conversationType: 'personal' | 'groupChat' | 'channel';
  /** The person may add dialogmøde topics, by the tenant's setting (mayAddTopicsIn: chefs only where agenda.chefsMayAddTopics says so). */
  readonly canAddTopic: boolean;
  /** This is a kernegruppe's chat and the person runs its tenders (tenderPlaceFor). */
  readonly canStartTender: boolean;
  /** This conversation belongs to a group. */
  readonly linked: boolean;
  /** This channel is an announcement channel. */
  readonly announcement: boolean;
  /** This is a kernegruppe's chat and the person may see its activities (mayListActivitiesHere). */
  readonly canListActivities?: boolean | undefined;
  /** This is a kernegruppe's chat and the person may read its activity catalogue (a member or an admin). */
  readonly catalogueGroupId?: string | undefined;
  /** This is a kernegruppe's chat and the person may add, move and cancel its meetings here (its tovholder, or an admin). */
  readonly managesGroupMeetingsHere?: boolean | undefined;
}

/** The 1:1 chat in a tenant that has not let chefs add topics. */
export const personalPlace = (actor: Actor): HelpPlace => ({ conversationType: 'personal', canAddTopic: mayAddTopics(actor, false), canStartTender: false, linked: false, announcement: false });

interface CommandHelp {
  readonly usage: TextKey;
  readonly description: TextKey;
  readonly visibleTo: (place: HelpPlace & { readonly actor: Actor }) => boolean;
}

const everyone = () => true;
const admin = (p: { readonly actor: Actor }) => isAdmin(p.actor);

/** In the order the help card lists them. Later features add their commands here. */
const HELP: readonly CommandHelp[] = [
  { usage: 'cmd.help', description: 'cmd.help.text', visibleTo: everyone },
  { usage: 'cmd.whoami', description: 'cmd.whoami.text', visibleTo: everyone },
  { usage: 'cmd.tenders', description: 'cmd.tenders.text', visibleTo: everyone },
  { usage: 'cmd.myBids', description: 'cmd.myBids.text', visibleTo: everyone },
  // Only in the kernegruppe's chat, where a tender is started.
  { usage: 'cmd.newTender', description: 'cmd.newTender.text', visibleTo: (p) => p.canStartTender },
  { usage: 'cmd.activities', description: 'cmd.activities.text', visibleTo: (p) => p.canListActivities === true },
  { usage: 'cmd.meetings', description: 'cmd.meetings.text', visibleTo: everyone },
  { usage: 'cmd.newTopic', description: 'cmd.newTopic.text', visibleTo: (p) => p.canAddTopic },
  { usage: 'cmd.agenda', description: 'cmd.agenda.text', visibleTo: (p) => mayReadAgenda(p.actor) },
  { usage: 'cmd.agendaText', description: 'cmd.agendaText.text', visibleTo: admin },
  // Only in the kernegruppe's chat, for its members and admins.
  { usage: 'cmd.catalogue', description: 'cmd.catalogue.text', visibleTo: (p) => Boolean(p.catalogueGroupId) },
  // Only in the kernegruppe's chat, for its tovholder and admins: the group's own meetings.
  { usage: 'cmd.addGroupMeeting', description: 'cmd.addGroupMeeting.text', visibleTo: (p) => p.managesGroupMeetingsHere === true },
  { usage: 'cmd.link', description: 'cmd.link.text', visibleTo: (p) => mayLinkHere(p.actor, p.conversationType).ok },
  // Only what would change something here: unlink a linked conversation, mark a channel that is not yet an announcement channel, and back.
  { usage: 'cmd.unlink', description: 'cmd.unlink.text', visibleTo: (p) => isAdmin(p.actor) && p.linked },
  { usage: 'cmd.announce', description: 'cmd.announce.text', visibleTo: (p) => mayMarkAnnouncementHere(p.actor, p.conversationType, true).ok && !p.announcement },
  { usage: 'cmd.unannounce', description: 'cmd.unannounce.text', visibleTo: (p) => mayMarkAnnouncementHere(p.actor, p.conversationType, false).ok && p.announcement },
  { usage: 'cmd.links', description: 'cmd.links.text', visibleTo: admin },
  { usage: 'cmd.reminders', description: 'cmd.reminders.text', visibleTo: admin },
  // Chefs, tovholdere and admins, anywhere (seed 001: kernegruppernes arbejde drøftes i Kommuneledelsen).
  { usage: 'cmd.crossStatus', description: 'cmd.crossStatus.text', visibleTo: (p) => mayReadCrossStatus(p.actor) },
  // A kernegruppe's tovholder moves and cancels the group's own meetings in its chat (seed 000: "Hver gruppe afgør derudover selv sin mødefrekvens efter behov").
  { usage: 'cmd.moveMeeting', description: 'cmd.moveMeeting.text', visibleTo: (p) => isAdmin(p.actor) || p.managesGroupMeetingsHere === true },
  { usage: 'cmd.cancelMeeting', description: 'cmd.cancelMeeting.text', visibleTo: (p) => isAdmin(p.actor) || p.managesGroupMeetingsHere === true },
  { usage: 'cmd.addMeeting', description: 'cmd.addMeeting.text', visibleTo: admin },
  // One person's data (GDPR): admins, and only in their 1:1 chat, where nobody else sees it.
  { usage: 'cmd.personData', description: 'cmd.personData.text', visibleTo: (p) => isAdmin(p.actor) && p.conversationType === 'personal' },
];

export function commandsFor(actor: Actor, locale: Locale, place: HelpPlace = personalPlace(actor)) {
  return HELP.filter((c) => c.visibleTo({ ...place, actor })).map((c) => ({ command: text(locale, c.usage), description: text(locale, c.description) }));
}
