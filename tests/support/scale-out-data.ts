// Due work in bulk for the scale-out tests: reminders of added pitstop meetings to the people at them
// (each reminder its own meeting and person, so the connector can count posts per reminder), and
// announcement-card redraws in the outbox (each its own card).

import { Pacer } from '../../src/app/pacer.js';
import { settingsOf } from '../../src/app/tenant-calendar.js';
import type { Meeting } from '../../src/domain/calendar.js';
import { recipientsByKind, recipientsWithDefaults } from '../../src/domain/meeting-recipients.js';
import type { Reminder } from '../../src/domain/reminders.js';
import type { OutboxNotice } from '../../src/app/ports.js';
import { DEMO_TENANT } from './demo.js';
import { chatOf, type ReminderRig } from './reminder-rig.js';
import type { SlowConnector, TickingTime } from './scale-out-rig.js';
import { publishedTender } from './tender-fixtures.js';

const HOUR = 3600_000;

/** `count` reminders due now, each to one person at one added pitstop meeting a month ahead. */
export async function dueReminders(rig: ReminderRig, count: number): Promise<Reminder[]> {
  const dir = (await rig.repos.directories.get(DEMO_TENANT))!.value;
  const people = recipientsByKind(dir, recipientsWithDefaults(undefined)).pitstop.attendees;
  const now = rig.clock.now();
  const meetings: Meeting[] = Array.from({ length: Math.ceil(count / people.length) }, (_, i) => {
    const start = new Date(now.getTime() + 30 * 24 * HOUR + i * HOUR);
    return { id: `pitstop-bulk-${i}`, kind: 'pitstop', title: `Pitstop ${i}`, start: start.toISOString(), end: new Date(start.getTime() + HOUR).toISOString(), status: 'planned' };
  });
  const stored = await rig.calendars.get(DEMO_TENANT);
  const settings = settingsOf(DEMO_TENANT, stored?.value);
  const at = now.toISOString();
  await rig.calendars.save({ ...settings, overrides: [...settings.overrides, ...meetings.map((m) => ({ meetingId: m.id, action: 'add' as const, meeting: m, by: 'test', at }))] }, stored?.etag);
  const reminders: Reminder[] = Array.from({ length: count }, (_, i) => {
    const meeting = meetings[Math.floor(i / people.length)]!;
    return {
      id: `rem-bulk-${String(i).padStart(5, '0')}`,
      tenantId: DEMO_TENANT,
      meetingId: meeting.id,
      meetingKind: 'pitstop',
      ruleId: 'bulk',
      target: { type: 'person', personId: people[i % people.length]! },
      dueAt: at,
      meetingStart: meeting.start,
      status: 'pending',
      attempts: 0,
      updatedAt: at,
    };
  });
  for (let i = 0; i < reminders.length; i += 25) await Promise.all(reminders.slice(i, i + 25).map((r) => rig.deps.reminders.create(r)));
  return reminders;
}

/** What the connector counts a reminder by: the conversation and the meeting. */
export const reminderKey = (conversationId: string, notice: { kind: string; meeting?: { id: string } }) => `${conversationId}|${notice.meeting?.id ?? notice.kind}`;

/** What the connector counts a card redraw by: the conversation and the card. */
export const redrawKey = (conversationId: string, _notice: unknown, activityId?: string) => `${conversationId}|${activityId ?? '?'}`;

/** `count` redraws of one tender's announcement cards, due now, spread over the kernegrupper's chats. */
export async function dueRedraws(rig: ReminderRig, count: number): Promise<OutboxNotice[]> {
  const tender = publishedTender();
  await rig.repos.tenders.saveTender(tender, undefined);
  const chats = ['kernegruppe-laering', 'kernegruppe-beskaeftigelse', 'kernegruppe-social-omsorg', 'kernegruppe-fritid-faellesskab', 'byraad'].map(chatOf);
  const at = rig.clock.now().toISOString();
  const notices: OutboxNotice[] = Array.from({ length: count }, (_, i) => {
    const conversationId = chats[i % chats.length]!;
    return {
      id: `notice-bulk-${String(i).padStart(5, '0')}`,
      tenantId: DEMO_TENANT,
      subject: { kind: 'tender.announcement', tenderId: tender.id, conversationId, activityId: `card-${i}` },
      to: { kind: 'conversation', conversationId },
      status: 'pending',
      attempts: 0,
      createdAt: at,
      updatedAt: at,
    };
  });
  for (let i = 0; i < notices.length; i += 25) await Promise.all(notices.slice(i, i + 25).map((n) => rig.repos.outbox.create(n)));
  return notices;
}

/** One instance's sender dependencies: the rig's database, the shared slow connector, its own pacer, the ticking clock. */
export function instanceDeps(rig: ReminderRig, time: TickingTime, connector: SlowConnector, perSecond = 15) {
  return {
    ...rig.deps,
    outbox: rig.repos.outbox,
    notifier: connector,
    pacer: new Pacer({ perSecond, now: () => rig.clock.now().getTime(), sleep: time.timer }),
    sleep: time.timer,
    timer: time.timer,
  };
}
