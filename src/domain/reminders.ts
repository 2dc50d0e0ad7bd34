// Reminders before meetings: which reminders a meeting plan calls for (rule × target, each with a
// deterministic id so planning twice creates nothing twice), and what to do with a due one now:
// send it, wait, follow its moved meeting, or skip it (meeting cancelled, started, or too late).

import type { Meeting, MeetingKind } from './calendar.js';

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

export interface ReminderRule {
  /** e.g. "byraadsmoede-7d" */
  readonly id: string;
  readonly meetingKind: MeetingKind;
  readonly leadMs: number;
  /** kernegrupper: each kernegruppe's linked chat; kernegruppe: the meeting's own group's chat only; konsulenter: each konsulent 1:1; byraad: the Byråd's chat (the dialogmøde's call for topics); kommuneledelse: Kommuneledelsen's chat. */
  readonly audience: 'kernegrupper' | 'kernegruppe' | 'konsulenter' | 'byraad' | 'kommuneledelse';
  /** This rule's own late window, where the general one does not fit (a call for topics is useful until the last call). */
  readonly lateWindowMs?: number | undefined;
}

export interface ReminderConfig {
  readonly rules: readonly ReminderRule[];
  /** A reminder the bot could not send on time is still sent this much later (if the meeting has not begun). */
  readonly lateWindowMs: number;
  /** The kernegruppe meeting's own rules are in `rules` (perhaps none). Absent: stored before those rules existed, so the defaults' apply. */
  readonly kernegruppemoedeSet?: boolean | undefined;
}

/** The meeting kinds whose reminders came after the first calendar files: a file imported before them says nothing about them. */
const LATER_KINDS: readonly MeetingKind[] = ['kernegruppemoede', 'kommuneledelse'];

/**
 * A tenant's reminder settings as they apply now: one stored before kernegruppe meetings and
 * Kommuneledelsen had reminders (no `kernegruppemoedeSet`, which every file imported since sets)
 * gets the defaults' for them.
 */
export function effectiveReminders(stored: ReminderConfig | undefined, defaults: ReminderConfig): ReminderConfig {
  if (!stored || stored.kernegruppemoedeSet) return stored ?? defaults;
  return { ...stored, rules: [...stored.rules.filter((r) => !LATER_KINDS.includes(r.meetingKind)), ...defaults.rules.filter((r) => LATER_KINDS.includes(r.meetingKind))] };
}

/** A rule `lead` days (or hours) before: its id, e.g. "byraadsmoede-7d" or "dialogmoede-2h", names the reminder in every record. */
export function reminderRule(meetingKind: MeetingKind, lead: number, unit: 'd' | 'h', audience: ReminderRule['audience']): ReminderRule {
  return { id: `${meetingKind}-${lead}${unit}`, meetingKind, leadMs: lead * (unit === 'd' ? DAY : HOUR), audience };
}

/**
 * The dialogmøde's calls for topics (days before) and last calls (hours before). A call the bot missed
 * (it was down) is still worth posting until the first last call is due, however long that is; after
 * that the last call does the job.
 */
export function dialogmoedeRules(days: readonly number[], lastCallHours: readonly number[]): ReminderRule[] {
  const firstLastCall = Math.max(0, ...lastCallHours) * HOUR;
  return [
    ...days.map((d) => ({ ...reminderRule('dialogmoede', d, 'd', 'byraad'), lateWindowMs: Math.max(0, d * DAY - firstLastCall - 1) })),
    ...lastCallHours.map((h) => reminderRule('dialogmoede', h, 'h', 'byraad')),
  ];
}

export const DEFAULT_REMINDERS: ReminderConfig = {
  rules: [
    reminderRule('byraadsmoede', 7, 'd', 'kernegrupper'),
    reminderRule('byraadsmoede', 1, 'd', 'kernegrupper'),
    reminderRule('pitstop', 2, 'd', 'konsulenter'),
    reminderRule('konsulentmoede', 2, 'd', 'konsulenter'),
    // A kernegruppe's own meeting (generated in its season, or added or moved by its tovholder): two days before, to its own chat.
    reminderRule('kernegruppemoede', 2, 'd', 'kernegruppe'),
    // The dialogmøde: the call for topics a week before and the last call two hours before, to the Byråd's chat.
    ...dialogmoedeRules([7], [2]),
    // Kommuneledelsen: the day before, to its chat with the status across all kernegrupper (only where the calendar file gives it a slot).
    reminderRule('kommuneledelse', 1, 'd', 'kommuneledelse'),
  ],
  lateWindowMs: 12 * HOUR,
};

export type ReminderTarget = { readonly type: 'group'; readonly groupId: string } | { readonly type: 'person'; readonly personId: string };

export const targetKey = (t: ReminderTarget): string => (t.type === 'group' ? `group:${t.groupId}` : `person:${t.personId}`);

export type ReminderStatus = 'pending' | 'sending' | 'sent' | 'skipped' | 'unreachable';

export interface Reminder {
  readonly id: string;
  readonly tenantId: string;
  readonly meetingId: string;
  readonly meetingKind: MeetingKind;
  readonly ruleId: string;
  readonly target: ReminderTarget;
  readonly dueAt: string;
  readonly meetingStart: string;
  readonly status: ReminderStatus;
  readonly attempts: number;
  /** Not before this (Retry-After, backoff). */
  readonly notBefore?: string | undefined;
  readonly claimedBy?: string | undefined;
  readonly claimedUntil?: string | undefined;
  readonly sentAt?: string | undefined;
  readonly late?: boolean | undefined;
  readonly skippedReason?: 'cancelled' | 'meeting-started' | 'too-late' | 'no-longer-planned' | undefined;
  readonly lastError?: string | undefined;
  readonly updatedAt: string;
}

export interface PlannedReminder {
  readonly meetingId: string;
  readonly meetingKind: MeetingKind;
  readonly ruleId: string;
  readonly target: ReminderTarget;
  readonly dueAt: Date;
  readonly meetingStart: Date;
}

/** Every reminder the plan calls for: each rule for its meeting kind, for each of its targets. */
export function plannedReminders(
  meetings: readonly Meeting[],
  config: ReminderConfig,
  audiences: {
    readonly kernegrupper: readonly string[];
    readonly konsulenter: readonly string[];
    readonly byraad?: readonly string[] | undefined;
    /** Kommuneledelsen's group(s): none in a tenant without one, and then no reminders. */
    readonly kommuneledelse?: readonly string[] | undefined;
    /** Per meeting kind, the people its 1:1 reminders go to instead of the konsulenter (the calendar file's `recipients`). */
    readonly people?: Partial<Record<MeetingKind, readonly string[]>> | undefined;
  },
): PlannedReminder[] {
  const out: PlannedReminder[] = [];
  for (const m of meetings) {
    if (m.status === 'cancelled') continue;
    for (const r of config.rules) {
      if (r.meetingKind !== m.kind) continue;
      const targets: ReminderTarget[] =
        r.audience === 'kernegruppe'
          ? audiences.kernegrupper.filter((g) => g === m.groupId).map((groupId) => ({ type: 'group', groupId }))
          : r.audience === 'konsulenter'
          ? (audiences.people?.[m.kind] ?? audiences.konsulenter).map((personId) => ({ type: 'person', personId }))
          : (r.audience === 'kernegrupper' ? audiences.kernegrupper : r.audience === 'kommuneledelse' ? (audiences.kommuneledelse ?? []) : (audiences.byraad ?? [])).map((groupId) => ({ type: 'group', groupId }));
      const meetingStart = new Date(m.start);
      for (const target of targets) out.push({ meetingId: m.id, meetingKind: m.kind, ruleId: r.id, target, dueAt: new Date(meetingStart.getTime() - r.leadMs), meetingStart });
    }
  }
  return out;
}

export type Decision =
  | { readonly do: 'send'; readonly late: boolean }
  | { readonly do: 'wait' }
  | { readonly do: 'skip'; readonly reason: NonNullable<Reminder['skippedReason']> }
  | { readonly do: 'reschedule'; readonly dueAt: Date; readonly meetingStart: Date };

/**
 * What to do with a pending reminder now, given the meeting as it stands (undefined: no longer in
 * the plan). A moved meeting takes its reminder along; a cancelled one takes it away; a reminder the
 * bot missed is sent late only while the meeting has not begun and within the late window.
 */
export function decide(reminder: Reminder, meeting: Meeting | undefined, rules: ReminderConfig, now: Date): Decision {
  if (!meeting) return { do: 'skip', reason: 'no-longer-planned' };
  if (meeting.status === 'cancelled') return { do: 'skip', reason: 'cancelled' };
  const rule = rules.rules.find((r) => r.id === reminder.ruleId);
  const meetingStart = new Date(meeting.start);
  const dueAt = rule ? new Date(meetingStart.getTime() - rule.leadMs) : new Date(reminder.dueAt);
  if (meetingStart.toISOString() !== reminder.meetingStart || dueAt.toISOString() !== reminder.dueAt) return { do: 'reschedule', dueAt, meetingStart };
  if (now.getTime() >= meetingStart.getTime()) return { do: 'skip', reason: 'meeting-started' };
  if (now.getTime() < dueAt.getTime()) return { do: 'wait' };
  if (reminder.notBefore && now.getTime() < new Date(reminder.notBefore).getTime()) return { do: 'wait' };
  if (now.getTime() > dueAt.getTime() + (rule?.lateWindowMs ?? rules.lateWindowMs)) return { do: 'skip', reason: 'too-late' };
  // Late means the bot was not there at the due time (down), not a retry after Teams said "slow down".
  const late = reminder.attempts === 0 && now.getTime() - dueAt.getTime() > 5 * 60_000;
  return { do: 'send', late };
}
