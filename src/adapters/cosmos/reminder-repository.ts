// Reminders and the sender's lease in the `reminders` container, and the tenant's calendar settings
// (configuration, the admin's exceptions) as one item in `directory`; zod-checked, etag-written.

import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import type { CalendarRepository, CalendarSettings, Lease, LeaseRepository, ReminderRepository, SaveOutcome, Versioned } from '../../app/ports.js';
import { MEETING_KINDS, type CalendarConfig, type Override } from '../../domain/calendar.js';
import type { Reminder, ReminderConfig } from '../../domain/reminders.js';
import { recipientsWithDefaults, type MeetingRecipients } from '../../domain/meeting-recipients.js';
import { CALENDAR_ITEM_ID, SYSTEM_PARTITION } from './containers.js';
import { writeOutcome } from './cosmos-errors.js';

const opt = <T extends z.ZodTypeAny>(t: T) => t.optional().nullable().transform((v) => v ?? undefined);

export const ReminderItemSchema = z.object({
  id: z.string(),
  pk: z.string(),
  type: z.literal('reminder'),
  tenantId: z.string(),
  meetingId: z.string(),
  meetingKind: z.enum(MEETING_KINDS as [string, ...string[]]),
  ruleId: z.string(),
  target: z.union([z.object({ type: z.literal('group'), groupId: z.string() }), z.object({ type: z.literal('person'), personId: z.string() })]),
  dueAt: z.string(),
  meetingStart: z.string(),
  status: z.enum(['pending', 'sending', 'sent', 'skipped', 'unreachable']),
  attempts: z.number().int(),
  notBefore: opt(z.string()),
  claimedBy: opt(z.string()),
  claimedUntil: opt(z.string()),
  sentAt: opt(z.string()),
  late: opt(z.boolean()),
  skippedReason: opt(z.enum(['cancelled', 'meeting-started', 'too-late', 'no-longer-planned'])),
  lastError: opt(z.string()),
  updatedAt: z.string(),
  _etag: z.string(),
});

function toReminder(resource: unknown): Versioned<Reminder> {
  const { pk: _pk, type: _type, _etag, ...r } = ReminderItemSchema.parse(resource);
  return { value: r as Reminder, etag: _etag };
}

const write = writeOutcome;

const OPTIONAL = ['notBefore', 'claimedBy', 'claimedUntil', 'sentAt', 'late', 'skippedReason', 'lastError'] as const;

/** JSON drops undefined, so an unset optional field is written as null: the due query compares with null. */
const withNulls = (r: Reminder) => ({ ...r, ...Object.fromEntries(OPTIONAL.map((k) => [k, r[k] ?? null])) });

export class CosmosReminderRepository implements ReminderRepository {
  constructor(private readonly container: Container) {}

  async create(reminder: Reminder): Promise<'saved' | 'exists'> {
    return (await write(() => this.container.items.create({ ...withNulls(reminder), pk: reminder.tenantId, type: 'reminder' }))) === 'saved' ? 'saved' : 'exists';
  }

  async get(tenantId: string, id: string) {
    const { resource, statusCode } = await this.container.item(id, tenantId).read();
    return statusCode === 404 || !resource ? undefined : toReminder(resource);
  }

  save(reminder: Reminder, etag: string): Promise<SaveOutcome> {
    return write(() =>
      this.container.item(reminder.id, reminder.tenantId).replace({ ...withNulls(reminder), pk: reminder.tenantId, type: 'reminder' }, { accessCondition: { type: 'IfMatch', condition: etag } }),
    );
  }

  async due(now: Date) {
    // The sender's scan across tenants: ids only; each reminder is then read and written in its own tenant.
    const { resources } = await this.container.items
      .query<{ pk: string; id: string }>({
        query:
          "SELECT c.pk, c.id FROM c WHERE c.type = 'reminder' AND ((c.status = 'pending' AND c.dueAt <= @now AND (c.notBefore = null OR c.notBefore <= @now)) OR (c.status = 'sending' AND c.claimedUntil <= @now))",
        parameters: [{ name: '@now', value: now.toISOString() }],
      })
      .fetchAll();
    return resources.map((r) => ({ tenantId: r.pk, id: r.id }));
  }

  async ofTenant(tenantId: string, since: Date) {
    const { resources } = await this.container.items
      .query({ query: "SELECT * FROM c WHERE c.pk = @pk AND c.type = 'reminder' AND c.updatedAt >= @since", parameters: [{ name: '@pk', value: tenantId }, { name: '@since', value: since.toISOString() }] }, { partitionKey: tenantId })
      .fetchAll();
    return resources.map((r) => toReminder(r).value);
  }

  async plannedSince(tenantId: string, since: Date) {
    // Bounded by the meetings' start, so three years of sent reminders behind it are never read again.
    const { resources } = await this.container.items
      .query<{ id: string; status: Reminder['status']; dueAt: string }>(
        {
          query: "SELECT c.id, c.status, c.dueAt FROM c WHERE c.pk = @pk AND c.type = 'reminder' AND c.meetingStart >= @since",
          parameters: [{ name: '@pk', value: tenantId }, { name: '@since', value: since.toISOString() }],
        },
        { partitionKey: tenantId },
      )
      .fetchAll();
    return resources;
  }

  async pendingOfMeeting(tenantId: string, meetingId: string) {
    const { resources } = await this.container.items
      .query({
        query: "SELECT * FROM c WHERE c.pk = @pk AND c.type = 'reminder' AND c.meetingId = @m AND c.status = 'pending'",
        parameters: [{ name: '@pk', value: tenantId }, { name: '@m', value: meetingId }],
      }, { partitionKey: tenantId })
      .fetchAll();
    return resources.map(toReminder);
  }
}

const LeaseSchema = z.object({ holder: z.string(), expiresAt: z.string(), _etag: z.string() });

export class CosmosLeaseRepository implements LeaseRepository {
  constructor(private readonly container: Container) {}

  async get(name: string) {
    const { resource, statusCode } = await this.container.item(`lease-${name}`, SYSTEM_PARTITION).read();
    if (statusCode === 404 || !resource) return undefined;
    const { _etag, ...lease } = LeaseSchema.parse(resource);
    return { value: lease, etag: _etag };
  }

  save(name: string, lease: Lease, etag: string | undefined): Promise<SaveOutcome> {
    const item = { id: `lease-${name}`, pk: SYSTEM_PARTITION, type: 'lease', ...lease };
    return write(() =>
      etag === undefined ? this.container.items.create(item) : this.container.item(item.id, SYSTEM_PARTITION).replace(item, { accessCondition: { type: 'IfMatch', condition: etag } }),
    );
  }
}

const CalendarItemSchema = z.object({
  tenantId: z.string(),
  config: z.record(z.unknown()),
  overrides: z.array(z.record(z.unknown())),
  warned: z.array(z.string()),
  reminders: opt(z.object({ rules: z.array(z.object({ id: z.string(), meetingKind: z.string(), leadMs: z.number(), audience: z.enum(['kernegrupper', 'kernegruppe', 'konsulenter', 'byraad', 'kommuneledelse']), lateWindowMs: opt(z.number()) })), lateWindowMs: z.number(), kernegruppemoedeSet: opt(z.boolean()) })),
  agenda: opt(z.object({ chefsMayAddTopics: z.boolean() })),
  recipients: opt(z.record(z.object({ roles: z.array(z.string()), people: z.array(z.string()), konsulenter: z.boolean() }))),
  retention: opt(z.object({ tenderMonths: opt(z.number().int()), agendaMonths: opt(z.number().int()) })),
  _etag: z.string(),
});

export class CosmosCalendarRepository implements CalendarRepository {
  constructor(private readonly container: Container) {}

  async get(tenantId: string) {
    const { resource, statusCode } = await this.container.item(CALENDAR_ITEM_ID, tenantId).read();
    if (statusCode === 404 || !resource) return undefined;
    const { _etag, ...s } = CalendarItemSchema.parse(resource);
    // The configuration and overrides were checked when they were written (chat command or file).
    return { value: { tenantId: s.tenantId, config: s.config as unknown as CalendarConfig, overrides: s.overrides as unknown as Override[], warned: s.warned, reminders: s.reminders as ReminderConfig | undefined, agenda: s.agenda, recipients: s.recipients && recipientsWithDefaults(s.recipients as Partial<MeetingRecipients>), retention: s.retention }, etag: _etag };
  }

  save(settings: CalendarSettings, etag: string | undefined): Promise<SaveOutcome> {
    const item = { id: CALENDAR_ITEM_ID, pk: settings.tenantId, type: 'calendar', ...settings };
    return write(() =>
      etag === undefined ? this.container.items.create(item) : this.container.item(CALENDAR_ITEM_ID, settings.tenantId).replace(item, { accessCondition: { type: 'IfMatch', condition: etag } }),
    );
  }
}
