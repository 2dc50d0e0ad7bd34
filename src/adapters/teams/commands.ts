// The chat commands: how a message's text is read as a command, who may see each command in the
// help card, and their usage lines. Danish words first, English ones as aliases.

import { isAdmin, TENDER_MANAGER_ROLES, type Actor } from '../../domain/actor.js';
import { mayAddTopics, mayReadAgenda } from '../../app/agenda.js';
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
  | { kind: 'addMeeting'; meetingKind: string; date: string; time: string; title: string }
  | { kind: 'newTopic'; title?: string | undefined }
  | { kind: 'agenda' }
  | { kind: 'agendaText' }
  | { kind: 'unknown'; text: string };

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
  if (/^(nyt emne|emne|tilføj emne|new topic|add topic|topic)$/.test(t)) return { kind: 'newTopic' };
  const titled = /^(?:nyt emne|emne|tilføj emne|new topic|add topic)[:\s]\s*(.+)$/i.exec(original);
  if (titled) return { kind: 'newTopic', title: titled[1]!.trim() };
  if (/^(dagsorden|dagsordenen|agenda)$/.test(t)) return { kind: 'agenda' };
  if (/^(dagsorden|dagsordenen|agenda) (som |i |as )?(tekst|text|markdown)$/.test(t)) return { kind: 'agendaText' };
  const move = /^(?:flyt møde|move meeting)\s+(\S+)\s+(?:til|to)\s+(\d{4}-\d{2}-\d{2})\s+(?:kl\.?\s*)?(\d{1,2})[:.](\d{2})$/i.exec(original);
  if (move) return { kind: 'moveMeeting', meetingId: move[1]!.toLowerCase(), date: move[2]!, time: `${move[3]!.padStart(2, '0')}:${move[4]}` };
  const cancelMeeting = /^(?:aflys møde|cancel meeting)\s+(\S+)(?:\s+(.*))?$/i.exec(original);
  if (cancelMeeting) return { kind: 'cancelMeeting', meetingId: cancelMeeting[1]!.toLowerCase(), reason: cancelMeeting[2] ?? '' };
  const add = /^(?:tilføj møde|add meeting)\s+(\S+)\s+(\d{4}-\d{2}-\d{2})\s+(?:kl\.?\s*)?(\d{1,2})[:.](\d{2})(?:\s+(.*))?$/i.exec(original);
  if (add) return { kind: 'addMeeting', meetingKind: add[1]!.toLowerCase(), date: add[2]!, time: `${add[3]!.padStart(2, '0')}:${add[4]}`, title: add[5] ?? '' };
  const link = /^(?:tilknyt|link)(?:\s+(?:til|to))?(?:\s+(.+))?$/i.exec(original);
  if (link) return { kind: 'link', group: link[1]?.trim() ?? '' };
  // Shown back as written: "hvornår er mødet?" keeps its question mark.
  return { kind: 'unknown', text: tidyMessage(raw) };
}

interface CommandHelp {
  readonly usage: TextKey;
  readonly description: TextKey;
  readonly visibleTo: (actor: Actor) => boolean;
}

const everyone = () => true;
const managesAnyKernegruppe = (actor: Actor) =>
  actor.memberships.some((m) => m.group.kind === 'kernegruppe' && m.roles.some((r) => TENDER_MANAGER_ROLES.includes(r)));

/** In the order the help card lists them. Later features add their commands here. */
const HELP: readonly CommandHelp[] = [
  { usage: 'cmd.help', description: 'cmd.help.text', visibleTo: everyone },
  { usage: 'cmd.whoami', description: 'cmd.whoami.text', visibleTo: everyone },
  { usage: 'cmd.tenders', description: 'cmd.tenders.text', visibleTo: everyone },
  { usage: 'cmd.myBids', description: 'cmd.myBids.text', visibleTo: everyone },
  { usage: 'cmd.newTender', description: 'cmd.newTender.text', visibleTo: managesAnyKernegruppe },
  { usage: 'cmd.meetings', description: 'cmd.meetings.text', visibleTo: everyone },
  // Chefs see "emne" too: a tenant may let them add topics, and if not, the answer says so politely.
  { usage: 'cmd.newTopic', description: 'cmd.newTopic.text', visibleTo: (a) => mayAddTopics(a, true) },
  { usage: 'cmd.agenda', description: 'cmd.agenda.text', visibleTo: mayReadAgenda },
  { usage: 'cmd.agendaText', description: 'cmd.agendaText.text', visibleTo: isAdmin },
  { usage: 'cmd.link', description: 'cmd.link.text', visibleTo: isAdmin },
  { usage: 'cmd.unlink', description: 'cmd.unlink.text', visibleTo: isAdmin },
  { usage: 'cmd.announce', description: 'cmd.announce.text', visibleTo: isAdmin },
  { usage: 'cmd.unannounce', description: 'cmd.unannounce.text', visibleTo: isAdmin },
  { usage: 'cmd.links', description: 'cmd.links.text', visibleTo: isAdmin },
  { usage: 'cmd.reminders', description: 'cmd.reminders.text', visibleTo: isAdmin },
  { usage: 'cmd.moveMeeting', description: 'cmd.moveMeeting.text', visibleTo: isAdmin },
  { usage: 'cmd.cancelMeeting', description: 'cmd.cancelMeeting.text', visibleTo: isAdmin },
  { usage: 'cmd.addMeeting', description: 'cmd.addMeeting.text', visibleTo: isAdmin },
];

export function commandsFor(actor: Actor, locale: Locale) {
  return HELP.filter((c) => c.visibleTo(actor)).map((c) => ({ command: text(locale, c.usage), description: text(locale, c.description) }));
}
