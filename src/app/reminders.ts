// Reminders before meetings, never lost and never doubled. Planning writes one item per
// (meeting, rule, target) with a deterministic id, so planning again creates nothing new. Sending
// is done by one instance at a time (a lease item with an expiry, taken with its etag); each
// reminder is claimed with its etag before it is sent, a sender that died leaves a claim that
// expires, Teams' 429s are waited out, and a conversation the bot was removed from is marked
// unreachable and an admin is told.

import { claimToSend, keepClaimAlive, realTimer, sendable, TIMED_OUT, within, type Timer } from './send-claim.js';
import { RunLease, type SenderControl } from './scale-out.js';
import { createHash } from 'node:crypto';
import { groupMeetingOn, type Meeting } from '../domain/calendar.js';
import { copenhagenDay, kernegrupperOf, tenantMeetings } from './tenant-calendar.js';
import { conversationOfGroup, holdersOf, type Directory } from '../domain/directory.js';
import { tellAdmins } from './conversations.js';
import { DAY, HOUR, decide, effectiveReminders, plannedReminders, targetKey, type Reminder, type ReminderConfig, type ReminderTarget } from '../domain/reminders.js';
import type { Pacer } from './pacer.js';
import type { Claim } from './send-claim.js';
import type { Logger } from '../logger.js';
import { agendaCardNotice, rememberAgendaCard, type AgendaWriteQueue } from './agenda.js';
import { digestOf } from './group-digest.js';
import { crossStatus } from './cross-status.js';
import { everyone, isRecipientKind, recipientsByKind, recipientsWithDefaults, stillRecipient, type RecipientKind, type ResolvedRecipients } from '../domain/meeting-recipients.js';
import type {
  AgendaRepository,
  CatalogueRepository,
  CalendarRepository,
  Clock,
  ConversationRecord,
  ConversationRepository,
  CrossStatus,
  Delivery,
  DirectoryRepository,
  LeaseRepository,
  Notice,
  Notifier,
  ReminderRepository,
  TenderRepository,
} from './ports.js';

export interface ReminderDeps {
  readonly reminders: ReminderRepository;
  readonly agendas: AgendaRepository;
  readonly agendaQueue?: AgendaWriteQueue | undefined;
  readonly leases: LeaseRepository;
  readonly calendars: CalendarRepository;
  readonly directories: DirectoryRepository;
  readonly conversations: ConversationRepository;
  readonly tenders: TenderRepository;
  /** The groups' catalogues, for the digest's line on the catalogue against its frame. */
  readonly catalogues?: CatalogueRepository | undefined;
  readonly notifier: Notifier;
  readonly clock: Clock;
  readonly config: ReminderConfig;
  readonly pacer: Pacer;
  readonly sleep: (ms: number) => Promise<void>;
  /** Where a reminder that cannot be delivered is logged (the admins are also told, if the bot can reach them). */
  readonly log?: Logger | undefined;
  /** The instance's stop switch and its claims in flight (shutdown gives them back). */
  readonly control?: SenderControl | undefined;
  /** Waits on the clock's time without moving it: keeps claims and the lease alive, bounds a post. Default: real timers. */
  readonly timer?: Timer | undefined;
}

export const SENDER_LEASE = 'reminder-sender';
export const LEASE_TTL_MS = 60_000;
/** How long a claimed reminder is the claimer's; after that another sender takes it over. Kept alive while it is being sent. */
export const CLAIM_MS = 2 * 60_000;
/**
 * The longest one post may take. Teams answers in well under a second, and its own gateway gives up
 * long before this; a post still unanswered after it is given up on and the reminder goes back as
 * pending (its outcome is unknown: if Teams did take it, the retry is the one double). Longer than a
 * claim on purpose: a slow but working connector is waited for (the claim kept alive meanwhile)
 * rather than risking a double, while a stalled one holds the reminder for at most this long.
 */
export const POST_TIMEOUT_MS = 3 * 60_000;
/** A 429 asking for a longer pause than this is not waited out in the run: the reminder goes back as pending until then. */
export const RETRY_IN_RUN_MS = CLAIM_MS / 2;
/** How far ahead reminders are planned. */
export const PLAN_AHEAD_MS = 45 * DAY;
const MAX_THROTTLED_TRIES = 6;
// A worker waiting out a 429 (the connector client honours Retry-After itself) must not stall the rest.
const WORKERS = 16;

export function reminderId(tenantId: string, meetingId: string, ruleId: string, target: ReminderTarget): string {
  return `rem-${createHash('sha256').update(`${tenantId}|${meetingId}|${ruleId}|${targetKey(target)}`).digest('hex').slice(0, 40)}`;
}

/** How far back (by the meeting's start) the planner looks for reminders it planned before: a meeting moved after it began is still found. */
const PLANNED_LOOKBACK_MS = 31 * DAY;

// What this instance last planned each tenant from: the roster's and the calendar's etags and the
// Copenhagen day. Per reminder repository, i.e. per running bot. Nothing else changes the plan (a
// meeting entering the 45-day window during the day is planned the next day, well before any lead time).
const lastPlanned = new WeakMap<ReminderRepository, Map<string, string>>();

export interface PlanReport {
  created: number;
  moved: number;
  /** Nothing changed since this instance last planned the tenant: no query, no writes. */
  unchanged?: boolean;
  /** The roster as read, for the holiday warnings that follow in the same pass. */
  directory?: Directory | undefined;
}

/**
 * Writes the reminders the coming weeks call for. Safe to run any time, on any instance: an existing
 * reminder is left alone, except that a pending one follows its meeting if it moved. One query per
 * tenant reads what is already planned (ids, status, due time); only what is missing is created, and
 * only a moved one is read and written.
 */
export async function planReminders(deps: ReminderDeps, tenantId: string): Promise<PlanReport> {
  const found = await deps.directories.get(tenantId);
  const dir = found?.value;
  if (!dir) return { created: 0, moved: 0 };
  const now = deps.clock.now();
  const { meetings, settings, etag } = await tenantMeetings(deps, dir, now, new Date(now.getTime() + PLAN_AHEAD_MS));
  let memo = lastPlanned.get(deps.reminders);
  if (!memo) lastPlanned.set(deps.reminders, (memo = new Map()));
  const inputs = `${found.etag}|${etag ?? ''}|${copenhagenDay(now)}`;
  if (memo.get(tenantId) === inputs) return { created: 0, moved: 0, unchanged: true, directory: dir };
  const config = effectiveReminders(settings.reminders, deps.config);
  const byraad = dir.groups.filter((g) => g.kind === 'byraad').map((g) => g.id);
  // Pitstop and konsulentmøde: the people at the meeting and the konsulenter, as the calendar file's `recipients` says.
  const recipients = recipientsByKind(dir, recipientsWithDefaults(settings.recipients));
  const people = { pitstop: everyone(recipients.pitstop), konsulentmoede: everyone(recipients.konsulentmoede) };
  const kommuneledelse = dir.groups.filter((g) => g.kind === 'kommuneledelse').map((g) => g.id);
  const planned = plannedReminders(meetings, config, { kernegrupper: kernegrupperOf(dir).map((g) => g.id), konsulenter: holdersOf(dir, 'konsulent'), byraad, people, kommuneledelse });
  const existing = new Map((await deps.reminders.plannedSince(tenantId, new Date(now.getTime() - PLANNED_LOOKBACK_MS))).map((r) => [r.id, r]));
  let created = 0;
  let moved = 0;
  for (const p of planned) {
    const window = config.rules.find((r) => r.id === p.ruleId)?.lateWindowMs ?? config.lateWindowMs;
    if (p.dueAt.getTime() + window < now.getTime()) continue; // long past: nothing to send
    const reminder: Reminder = {
      id: reminderId(tenantId, p.meetingId, p.ruleId, p.target),
      tenantId,
      meetingId: p.meetingId,
      meetingKind: p.meetingKind,
      ruleId: p.ruleId,
      target: p.target,
      dueAt: p.dueAt.toISOString(),
      meetingStart: p.meetingStart.toISOString(),
      status: 'pending',
      attempts: 0,
      updatedAt: now.toISOString(),
    };
    const known = existing.get(reminder.id);
    if (known && (known.status !== 'pending' || known.dueAt === reminder.dueAt)) continue;
    // Not found by the query (or planned meanwhile by another instance): the create decides.
    if (!known && (await deps.reminders.create(reminder)) === 'saved') {
      created++;
      continue;
    }
    const current = await deps.reminders.get(tenantId, reminder.id);
    if (current && current.value.status === 'pending' && current.value.dueAt !== reminder.dueAt) {
      const followed = { ...current.value, dueAt: reminder.dueAt, meetingStart: reminder.meetingStart, updatedAt: now.toISOString() };
      if ((await deps.reminders.save(followed, current.etag)) === 'saved') moved++;
    }
  }
  memo.set(tenantId, inputs);
  return { created, moved, directory: dir };
}

/** Takes or renews the sender lease: true when this instance may send now. */
export async function holdLease(deps: Pick<ReminderDeps, 'leases' | 'clock'>, instanceId: string): Promise<boolean> {
  const now = deps.clock.now();
  const current = await deps.leases.get(SENDER_LEASE);
  if (current && current.value.holder !== instanceId && new Date(current.value.expiresAt).getTime() > now.getTime()) return false;
  // Renewed only when half used up: one read per tick instead of a read and a write.
  if (current?.value.holder === instanceId && new Date(current.value.expiresAt).getTime() - now.getTime() > LEASE_TTL_MS / 2) return true;
  const lease = { holder: instanceId, expiresAt: new Date(now.getTime() + LEASE_TTL_MS).toISOString() };
  return (await deps.leases.save(SENDER_LEASE, lease, current?.etag)) === 'saved';
}

export interface SendReport {
  readonly held: boolean;
  sent: number;
  late: number;
  skipped: number;
  retried: number;
  unreachable: number;
}

interface TenantView {
  readonly dir: Directory;
  readonly config: ReminderConfig;
  readonly meetings: Map<string, Meeting>;
  readonly all: Meeting[];
  /** Who is at a pitstop or konsulentmøde, and which konsulenter prepare it. */
  readonly recipients: Record<RecipientKind, ResolvedRecipients>;
  /** The status across all kernegrupper, read once per tenant and pass, however many people get it. */
  readonly crossStatus: () => Promise<CrossStatus>;
}

/** What a reminder posts, and what to do once it is posted (an agenda card is remembered, to be redrawn with every change). */
async function noticeFor(
  deps: ReminderDeps,
  view: TenantView,
  r: Reminder,
  meeting: Meeting,
  late: boolean,
  now: Date,
): Promise<{ notice: Notice; posted?: (conversationId: string, activityId: string) => Promise<void> }> {
  if (meeting.kind === 'dialogmoede') {
    const rule = view.config.rules.find((x) => x.id === r.ruleId);
    const stage = rule && rule.leadMs <= 12 * HOUR ? 'lastCall' : 'call';
    const { notice, version } = await agendaCardNotice(deps, r.tenantId, meeting, stage);
    return { notice, posted: (conversationId, activityId) => rememberAgendaCard(deps, r.tenantId, meeting, { conversationId, activityId, stage }, version) };
  }
  // Seed 001: "Arbejdet i kernegrupperne diskuteres ½ time på hvert møde i Kommuneledelsen": its chat gets the status across all kernegrupper.
  if (meeting.kind === 'kommuneledelse') return { notice: { kind: 'reminder.kommuneledelse', meeting, status: await view.crossStatus(), late } };
  if (r.target.type === 'group') {
    const groupId = r.target.groupId;
    const group = view.dir.groups.find((g) => g.id === groupId);
    const digest = await digestOf(deps, r.tenantId, groupId, group?.name ?? groupId, now);
    // The group's own meeting, to its chat only, with the same digest.
    if (meeting.kind === 'kernegruppemoede') return { notice: { kind: 'reminder.kernegruppe', meeting, digest, late } };
    // Seed 000: "Kernegrupperne mødes som minimum forud for hvert Byrådsmøde": the group's meeting on the
    // byrådsmøde's day, as it stands (moved there or added by its tovholder counts; none outside its season).
    const groupMeeting = groupMeetingOn(view.all, groupId, copenhagenDay(new Date(meeting.start)));
    return { notice: { kind: 'reminder.byraad', meeting, groupMeeting, digest, late } };
  }
  const personId = r.target.personId;
  // The people at a pitstop (udvalgsformænd, borgmester, named people) get the status across all kernegrupper.
  if (isRecipientKind(meeting.kind) && view.recipients[meeting.kind].attendees.includes(personId)) return { notice: { kind: 'reminder.pitstop', meeting, status: await view.crossStatus(), late } };
  const groups = view.dir.groups.filter((g) => g.kind === 'kernegruppe' && g.members.some((m) => m.person === personId));
  return { notice: { kind: 'reminder.konsulent', meeting, digests: await Promise.all(groups.map((g) => digestOf(deps, r.tenantId, g.id, g.name, now))), late } };
}

async function targetConversation(deps: ReminderDeps, dir: Directory, target: ReminderTarget): Promise<{ record?: ConversationRecord | undefined; name: string }> {
  if (target.type === 'group') {
    const conversationId = conversationOfGroup(dir, target.groupId);
    const name = dir.groups.find((g) => g.id === target.groupId)?.name ?? target.groupId;
    return { record: conversationId ? (await deps.conversations.get(dir.tenantId, conversationId))?.value : undefined, name };
  }
  const name = dir.people.find((p) => p.id === target.personId)?.name ?? target.personId;
  return { record: (await deps.conversations.getPersonal(dir.tenantId, target.personId))?.value, name };
}

/**
 * Sends what is due, if this instance holds the lease. Each reminder is claimed (etag) before it is
 * sent and finished after, so two senders never both send it, and a sender that dies mid-way leaves
 * a claim that expires and is taken over.
 */
export async function sendDueReminders(deps: ReminderDeps, instanceId: string): Promise<SendReport> {
  // The due query first: an idle pass is that one query, and the lease is only read (and renewed)
  // when there is something to send.
  const due = await deps.reminders.due(deps.clock.now());
  if (due.length === 0 || deps.control?.stopping) return { held: false, sent: 0, late: 0, skipped: 0, retried: 0, unreachable: 0 };
  // Held for the whole run: renewed in the background when half used, and the run stops claiming as
  // soon as it is lost (another instance found it run out and took it).
  const lease = new RunLease(deps, SENDER_LEASE, instanceId, LEASE_TTL_MS, () => deps.control?.stopping ?? false);
  const report: SendReport = { held: await lease.take(), sent: 0, late: 0, skipped: 0, retried: 0, unreachable: 0 };
  if (!report.held) return report;
  lease.keepAlive(deps.timer);
  const views = new Map<string, Promise<TenantView | undefined>>();
  const viewOf = (tenantId: string) => {
    let v = views.get(tenantId);
    if (!v) {
      v = (async () => {
        const dir = (await deps.directories.get(tenantId))?.value;
        if (!dir) return undefined;
        const now = deps.clock.now();
        const { meetings, settings } = await tenantMeetings(deps, dir, new Date(now.getTime() - 2 * DAY), new Date(now.getTime() + PLAN_AHEAD_MS + 60 * DAY));
        let status: Promise<CrossStatus> | undefined;
        const recipients = recipientsByKind(dir, recipientsWithDefaults(settings.recipients));
        return { dir, config: effectiveReminders(settings.reminders, deps.config), all: meetings, meetings: new Map(meetings.map((m) => [m.id, m])), recipients, crossStatus: () => (status ??= crossStatus(deps, dir, now)) };
      })();
      views.set(tenantId, v);
    }
    return v;
  };
  let next = 0;
  const worker = async () => {
    while (next < due.length && !deps.control?.stopping && (await lease.keep())) {
      // Another worker may have taken the last one while the lease was checked.
      const item = due[next++];
      if (!item) return;
      await sendOne(deps, instanceId, item.tenantId, item.id, viewOf, report, lease);
    }
  };
  try {
    await Promise.all(Array.from({ length: WORKERS }, worker));
  } finally {
    lease.stop();
  }
  return report;
}

async function sendOne(
  deps: ReminderDeps,
  instanceId: string,
  tenantId: string,
  id: string,
  viewOf: (tenantId: string) => Promise<TenantView | undefined>,
  report: SendReport,
  lease: RunLease,
): Promise<void> {
  const found = await deps.reminders.get(tenantId, id);
  if (!found) return;
  const now = deps.clock.now();
  const r = found.value;
  if (!sendable(r, now)) return;
  const view = await viewOf(tenantId);
  const meeting = view?.meetings.get(r.meetingId);
  // A person the calendar file no longer names (or no longer a konsulent) is not reminded.
  const listed = view && (r.target.type !== 'person' || stillRecipient(view.recipients, r.meetingKind, r.target.personId));
  const decision = listed ? decide({ ...r, status: 'pending' }, meeting, view.config, now) : ({ do: 'skip', reason: 'no-longer-planned' } as const);
  const finish = (patch: Partial<Reminder>, etag: string) => deps.reminders.save({ ...r, ...patch, updatedAt: deps.clock.now().toISOString() }, etag);

  if (decision.do === 'wait') return;
  if (decision.do === 'reschedule') {
    await finish({ status: 'pending', dueAt: decision.dueAt.toISOString(), meetingStart: decision.meetingStart.toISOString(), claimedBy: undefined, claimedUntil: undefined }, found.etag);
    return;
  }
  if (decision.do === 'skip') {
    if ((await finish({ status: 'skipped', skippedReason: decision.reason, claimedBy: undefined, claimedUntil: undefined }, found.etag)) === 'saved') report.skipped++;
    return;
  }
  // Claim it: whoever writes this first sends it; anyone else sees it claimed.
  const claim = await claimToSend(deps.reminders, tenantId, id, found, { instanceId, now, claimMs: CLAIM_MS, clock: deps.clock });
  if (!claim) return;
  // Kept alive until released, however long the pacer, 429s or a slow post take; given back at shutdown.
  const timer = deps.timer ?? realTimer;
  const keeper = keepClaimAlive(claim, { claimMs: CLAIM_MS, clock: deps.clock, timer });
  const untrack = deps.control?.track(claim, { status: 'pending' }) ?? (() => true);
  try {
    await sendClaimed(deps, r, meeting!, view!, decision.late, claim, report, lease, timer);
  } finally {
    keeper.stop();
    untrack();
  }
}

async function sendClaimed(
  deps: ReminderDeps,
  r: Reminder,
  meeting: Meeting,
  view: TenantView,
  late: boolean,
  claim: Claim<Reminder>,
  report: SendReport,
  lease: RunLease,
  timer: Timer,
): Promise<void> {
  const { tenantId, id } = r;
  let now = deps.clock.now();

  const { record, name } = await targetConversation(deps, view.dir, r.target);
  const what = `${meeting.title}, ${r.ruleId}`;
  const { release } = claim;
  if (!record || record.status !== 'installed') {
    deps.log?.warn({ tenantId, reminderId: id, meetingId: r.meetingId, target: r.target, reason: record ? 'removed' : 'not-installed' }, 'reminder could not be delivered');
    // Counted (and the admins told) by whoever's release is written: a claim taken over is not ours to report.
    if ((await release({ status: 'unreachable', lastError: record ? 'removed' : 'not-installed' })) !== 'saved') return;
    report.unreachable++;
    await tellAdmins(deps, view.dir, { kind: 'admin.unreachable', conversationName: name, reason: record ? 'removed' : 'not-installed', what });
    return;
  }
  const { notice, posted } = await noticeFor(deps, view, r, meeting, late, now);
  let delivery: Delivery | typeof TIMED_OUT = { ok: false, reason: 'failed' };
  for (let tries = 0; tries < MAX_THROTTLED_TRIES; tries++) {
    await deps.pacer.acquire(record.conversationId);
    // Nothing is posted after the lease or the claim is lost, or once the instance is stopping: a
    // reminder not yet posted goes back as pending for the next holder, at once.
    if (deps.control?.stopping || !(await lease.keep())) {
      await release({ status: 'pending' });
      return;
    }
    // The claim must outlast the post (the keeper extends it when half used; this makes sure after a long pacer wait).
    if (!(await claim.keep(CLAIM_MS / 2))) return;
    delivery = await within(deps.notifier.post(record, notice, 'da'), POST_TIMEOUT_MS, timer);
    if (delivery === TIMED_OUT || delivery.ok || delivery.reason !== 'throttled') break;
    report.retried++;
    const pause = delivery.retryAfterMs ?? 1000 * 2 ** tries;
    // A pause longer than the run should wait: back as pending until then (below), the claim dropped.
    if (pause > RETRY_IN_RUN_MS) break;
    deps.pacer.pause(pause);
  }
  now = deps.clock.now();
  if (delivery === TIMED_OUT) {
    // Unanswered: Teams may or may not have it. Tried again (once more at most per time-out) after a pause.
    deps.log?.warn({ tenantId, reminderId: id, meetingId: r.meetingId, target: r.target, timeoutMs: POST_TIMEOUT_MS }, 'reminder post timed out');
    if ((await release({ status: 'pending', attempts: r.attempts + 1, notBefore: new Date(now.getTime() + 60_000).toISOString(), lastError: 'timed out' })) === 'saved') report.retried++;
    return;
  }
  if (delivery.ok) {
    await posted?.(record.conversationId, delivery.activityId);
    // Counted only when the release is written with this claim's etag: a claim taken over is not ours.
    if ((await release({ status: 'sent', sentAt: now.toISOString(), late: late, attempts: r.attempts + 1 })) !== 'saved') {
      deps.log?.warn({ tenantId, reminderId: id }, 'reminder posted, but its claim had been taken over');
      return;
    }
    report.sent++;
    if (late) report.late++;
    return;
  }
  if (delivery.reason === 'removed' || delivery.reason === 'forbidden') {
    deps.log?.warn({ tenantId, reminderId: id, meetingId: r.meetingId, target: r.target, reason: delivery.reason, status: delivery.status }, 'reminder could not be delivered');
    if ((await release({ status: 'unreachable', lastError: `${delivery.reason} (${delivery.status ?? '?'})`, attempts: r.attempts + 1 })) !== 'saved') return;
    report.unreachable++;
    await tellAdmins(deps, view.dir, { kind: 'admin.unreachable', conversationName: name, reason: delivery.reason, what });
    return;
  }
  // Throttled too long, or a 5xx: back to pending, tried again later with a growing pause.
  const backoff = Math.min(30 * 60_000, 30_000 * 2 ** r.attempts);
  if ((await release({ status: 'pending', attempts: r.attempts + 1, notBefore: new Date(now.getTime() + (delivery.retryAfterMs ?? backoff)).toISOString(), lastError: `${delivery.reason} (${delivery.status ?? '?'})` })) === 'saved') report.retried++;
}

export interface ReminderStatusView {
  readonly counts: Readonly<Record<Reminder['status'], number>>;
  readonly notable: readonly Reminder[];
  readonly next: readonly Reminder[];
}

/** For admins ("påmindelser"): what was sent, sent late, skipped or could not be sent, and what is next. */
export async function reminderStatus(deps: Pick<ReminderDeps, 'reminders' | 'clock'>, tenantId: string): Promise<ReminderStatusView> {
  const now = deps.clock.now();
  const all = await deps.reminders.ofTenant(tenantId, new Date(now.getTime() - 31 * DAY));
  const counts = { pending: 0, sending: 0, sent: 0, skipped: 0, unreachable: 0 };
  for (const r of all) counts[r.status]++;
  return {
    counts,
    notable: all.filter((r) => r.late || r.status === 'skipped' || r.status === 'unreachable').sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, 15),
    next: all.filter((r) => r.status === 'pending').sort((a, b) => a.dueAt.localeCompare(b.dueAt)).slice(0, 5),
  };
}
