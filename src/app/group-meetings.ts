// A kernegruppe's own meetings as its tovholder runs them from the group's chat: who may add, move
// and cancel them (the group's tovholder there, an admin anywhere), the group's next meetings for its
// card, and adding one. Seed 000: the tovholder chef is "ansvarlig for gruppens arbejde", and "Hver
// gruppe afgør derudover selv sin mødefrekvens efter behov"; seed 002: "Kernegruppens mødefrekvens er
// op til det enkelte område".

import type { Actor } from '../domain/actor.js';
import { seasonMonths, seasonOf, type Meeting, type Override } from '../domain/calendar.js';
import type { Directory, Group } from '../domain/directory.js';
import { DAY } from '../domain/reminders.js';
import { fail, ok, type Result } from '../domain/result.js';
import { instantFromLocal, noSuchDate } from '../domain/time.js';
import { changeSettings, MEETING_TITLE_MAX, type CalendarDeps, type CalendarError } from './calendar-admin.js';
import { tenantMeetings } from './tenant-calendar.js';
import { kernegruppeOfChat, managesGroupMeetings, mayChangeMeetingsHere } from './group-meeting-rights.js';

/** How many of the group's meetings its card lists, and how far ahead it looks (a group meeting twice a year still shows its next). */
export const GROUP_MEETINGS_SHOWN = 6;
export const GROUP_MEETINGS_AHEAD_DAYS = 400;

export interface GroupMeetings {
  readonly group: Group;
  readonly meetings: readonly Meeting[];
  /** The months the group's generated meetings are in (its season). */
  readonly seasonMonths: readonly number[];
  readonly canManage: boolean;
}

/** The group's next meetings (not cancelled), for its card in its chat; undefined outside a kernegruppe's chat. */
export async function groupMeetingsHere(deps: CalendarDeps, actor: Actor, directory: Directory | undefined, conversationId: string): Promise<GroupMeetings | undefined> {
  const group = kernegruppeOfChat(directory, conversationId);
  if (!directory || !group) return undefined;
  const now = deps.clock.now();
  const { meetings, settings } = await tenantMeetings(deps, directory, now, new Date(now.getTime() + GROUP_MEETINGS_AHEAD_DAYS * DAY));
  const own = meetings.filter((m) => m.kind === 'kernegruppemoede' && m.groupId === group.id && m.status !== 'cancelled');
  return {
    group,
    meetings: own.slice(0, GROUP_MEETINGS_SHOWN),
    seasonMonths: seasonMonths(seasonOf(settings.config, group.id), settings.config.monthsOff),
    canManage: managesGroupMeetings(actor, group.id),
  };
}

/** The id of a meeting a group adds: its group, date and time, so adding the same one twice does not make two. */
export const addedGroupMeetingId = (groupId: string, date: string, time: string) => `kernegruppemoede-${groupId}-ekstra-${date}-${time.replace(':', '')}`;

/** Adds a meeting of the kernegruppe whose chat this is (2 hours unless said); its reminders are planned like a generated one's. */
export async function addGroupMeeting(
  deps: CalendarDeps,
  actor: Actor,
  directory: Directory | undefined,
  conversationId: string,
  input: { date: string; time: string; title: string; hours?: number },
): Promise<Result<Meeting, CalendarError>> {
  const allowed = mayChangeMeetingsHere(actor, directory, conversationId);
  if (!allowed.ok) return allowed;
  const group = allowed.value;
  // An admin outside a group's chat: which group is not said.
  if (!group) return fail('MEETING.NOT_IN_GROUP_CHAT');
  const start = instantFromLocal(input.date, input.time);
  if (!start.ok) return fail(noSuchDate(input.date) ? 'MEETING.NO_SUCH_DATE' : 'MEETING.BAD_TIME');
  const now = deps.clock.now();
  if (start.value.getTime() <= now.getTime()) return fail('MEETING.IN_PAST');
  const title = input.title.trim();
  if (title.length > MEETING_TITLE_MAX) return fail('MEETING.TITLE_TOO_LONG');
  const meeting: Meeting = {
    id: addedGroupMeetingId(group.id, input.date, input.time),
    kind: 'kernegruppemoede',
    title: title ? `${group.name} – ${title}` : `${group.name} – møde`,
    start: start.value.toISOString(),
    end: new Date(start.value.getTime() + (input.hours ?? 2) * 3600_000).toISOString(),
    groupId: group.id,
    status: 'planned',
    added: true,
  };
  const override: Override = { meetingId: meeting.id, action: 'add', meeting, by: actor.personId, at: now.toISOString() };
  if (!(await changeSettings(deps, actor.tenantId, (s) => ({ ...s, overrides: [...s.overrides.filter((o) => o.meetingId !== meeting.id), override] }), now))) return fail('CALENDAR.BUSY');
  return ok(meeting);
}
