// What the reminder engine does with a due reminder, as a pure decision: send (on time or late),
// wait, follow a moved meeting, or skip it; and which reminders a plan calls for.

import { describe, expect, it } from 'vitest';
import type { Meeting } from '../../src/domain/calendar.js';
import { DAY, decide, DEFAULT_REMINDERS, dialogmoedeRules, HOUR, plannedReminders, type Reminder } from '../../src/domain/reminders.js';

const START = '2026-12-07T13:00:00.000Z'; // dialogmøde, Monday 7 December 2026 14:00
const meeting = (over: Partial<Meeting> = {}): Meeting => ({ id: 'dialogmoede-2026-12', kind: 'dialogmoede', title: 'Dialogmøde', start: START, end: START, status: 'planned', ...over });
const at = (ms: number) => new Date(ms);
const start = Date.parse(START);

function reminder(ruleId: string, leadMs: number, over: Partial<Reminder> = {}): Reminder {
  return {
    id: 'rem-1',
    tenantId: 't',
    meetingId: 'dialogmoede-2026-12',
    meetingKind: 'dialogmoede',
    ruleId,
    target: { type: 'group', groupId: 'byraad' },
    dueAt: new Date(start - leadMs).toISOString(),
    meetingStart: START,
    status: 'pending',
    attempts: 0,
    updatedAt: '2026-11-01T00:00:00Z',
    ...over,
  };
}

const call = reminder('dialogmoede-7d', 7 * DAY);
const lastCall = reminder('dialogmoede-2h', 2 * HOUR);

describe('decide', () => {
  it('waits until the due time, then sends on time', () => {
    expect(decide(call, meeting(), DEFAULT_REMINDERS, at(start - 7 * DAY - 1))).toEqual({ do: 'wait' });
    expect(decide(call, meeting(), DEFAULT_REMINDERS, at(start - 7 * DAY))).toEqual({ do: 'send', late: false });
  });

  it('sends a missed call for topics late until the last call is due, then leaves it to the last call', () => {
    expect(decide(call, meeting(), DEFAULT_REMINDERS, at(start - 3 * DAY))).toEqual({ do: 'send', late: true });
    expect(decide(call, meeting(), DEFAULT_REMINDERS, at(start - 2 * HOUR - 1))).toEqual({ do: 'send', late: true });
    expect(decide(call, meeting(), DEFAULT_REMINDERS, at(start - 2 * HOUR))).toEqual({ do: 'skip', reason: 'too-late' });
  });

  it('sends a missed last call until the meeting starts, and nothing once it has', () => {
    expect(decide(lastCall, meeting(), DEFAULT_REMINDERS, at(start - 1))).toEqual({ do: 'send', late: true });
    expect(decide(lastCall, meeting(), DEFAULT_REMINDERS, at(start))).toEqual({ do: 'skip', reason: 'meeting-started' });
  });

  it('keeps the general 12-hour window for the other reminders', () => {
    const byraad = { ...reminder('byraadsmoede-7d', 7 * DAY), meetingId: 'byraadsmoede-2026-12', meetingKind: 'byraadsmoede' as const };
    const m = meeting({ id: 'byraadsmoede-2026-12', kind: 'byraadsmoede' });
    expect(decide(byraad, m, DEFAULT_REMINDERS, at(start - 7 * DAY + 12 * HOUR))).toEqual({ do: 'send', late: true });
    expect(decide(byraad, m, DEFAULT_REMINDERS, at(start - 7 * DAY + 12 * HOUR + 1))).toEqual({ do: 'skip', reason: 'too-late' });
  });

  it('follows a moved meeting and skips a cancelled one', () => {
    const moved = meeting({ start: '2026-12-08T09:00:00.000Z', status: 'moved' });
    expect(decide(call, moved, DEFAULT_REMINDERS, at(start - 7 * DAY))).toEqual({
      do: 'reschedule',
      dueAt: new Date(Date.parse('2026-12-08T09:00:00.000Z') - 7 * DAY),
      meetingStart: new Date('2026-12-08T09:00:00.000Z'),
    });
    expect(decide(call, meeting({ status: 'cancelled' }), DEFAULT_REMINDERS, at(start - 7 * DAY))).toEqual({ do: 'skip', reason: 'cancelled' });
    expect(decide(call, undefined, DEFAULT_REMINDERS, at(start - 7 * DAY))).toEqual({ do: 'skip', reason: 'no-longer-planned' });
  });

  it('counts lead times in hours, so across the change to summer time a week before is an hour earlier by the clock', () => {
    // Dialogmøde Monday 1 April 2024 14:00 summer time (12:00Z); clocks went forward on Sunday 31 March.
    const april = meeting({ id: 'dialogmoede-2024-04', start: '2024-04-01T12:00:00.000Z' });
    const [p] = plannedReminders([april], { rules: dialogmoedeRules([7], []), lateWindowMs: 0 }, { kernegrupper: [], konsulenter: [], byraad: ['byraad'] });
    expect(p!.dueAt.toISOString()).toBe('2024-03-25T12:00:00.000Z'); // 13:00 winter time on Monday 25 March
  });
});

describe('dialogmoedeRules', () => {
  it('lets each call for topics be sent late up to the first last call', () => {
    expect(dialogmoedeRules([7, 3], [2, 1]).map((r) => [r.id, r.leadMs / HOUR, r.lateWindowMs === undefined ? undefined : Math.round(r.lateWindowMs / HOUR)])).toEqual([
      ['dialogmoede-7d', 168, 166],
      ['dialogmoede-3d', 72, 70],
      ['dialogmoede-2h', 2, undefined],
      ['dialogmoede-1h', 1, undefined],
    ]);
  });
});
