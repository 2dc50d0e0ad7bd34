// Retention of ended tenders and held dialogmøder: the calendar file's `retention` (months), imported
// the real way; the scheduled sweep deletes a tender with its bids, evaluations and tally, and an
// agenda with its topics, once they are that many months past, and not a day before; with no setting
// nothing is ever deleted. The whole bot over HTTP on the embedded Cosmos server, the injected clock
// at the edges.

import type { Activity } from 'botbuilder';
import type { Container } from '@azure/cosmos';
import { afterEach, describe, expect, it } from 'vitest';
import { numberBids } from '../../src/app/bid-numbers.js';
import { importCalendar } from '../../src/app/calendar-admin.js';
import { parseCalendarFile } from '../../src/app/calendar-file.js';
import { DEFAULT_REMINDERS } from '../../src/domain/reminders.js';
import { retentionCutoff } from '../../src/domain/retention.js';
import { cardAction } from '../support/activities.js';
import { dataOf } from '../support/card-actions.js';
import { CosmosRequestLog } from '../support/cosmos.js';
import { conversations, DEMO_TENANT, persona, personal, type Conversation, type Persona } from '../support/demo.js';
import { VALID_BID_FORM, VALID_TENDER_FORM } from '../support/forms.js';
import { HttpBot } from '../support/http-bot.js';

let http: HttpBot;
afterEach(async () => {
  await http?.stop();
});

const click = async (who: Persona, where: Conversation, verb: string, data: Record<string, unknown> = {}) => (await http.send(cardAction(who, where, verb, data) as Partial<Activity>)).card;

/** A tender with a bid and an evaluation that closes at its deadline (7 December 2026, 12.00), one still open, and a dialogmøde topic. */
async function world(requests?: CosmosRequestLog) {
  http = await HttpBot.start('2026-11-23T10:00:00Z', requests);
  const publish = async (form: Record<string, string>) => {
    const tenderId = dataOf(await click(persona.tovholder, conversations.laeringChat, 'tender.save', form), 'tender.publish').tenderId!;
    await click(persona.tovholder, conversations.laeringChat, 'tender.publish', { tenderId });
    return tenderId;
  };
  const ended = await publish(VALID_TENDER_FORM);
  const open = await publish({ ...VALID_TENDER_FORM, title: 'Stadig åbent', deadlineDate: '2029-12-07' });
  const form = await click(persona.medarbejder, personal(persona.medarbejder), 'bid.open', { tenderId: ended });
  await click(persona.medarbejder, personal(persona.medarbejder), 'bid.submit', { tenderId: ended, ...dataOf(form, 'bid.submit'), ...VALID_BID_FORM });
  await numberBids({ tenders: http.repos.tenders, clock: http.clock, outbox: http.repos.outbox }, DEMO_TENANT, ended);
  const bidId = (await http.repos.tenders.bidsOfBidder(DEMO_TENANT, persona.medarbejder.id))[0]!.id;
  await click(persona.tovholder, conversations.laeringChat, 'evaluation.save', { bidId, mark_netvaerk: 'ja', mark_tvaergaaende: 'ja', mark_opgaven: 'ja', mark_samskabelse: 'ja' });
  const topicForm = await click(persona.politiker, personal(persona.politiker), 'topic.new');
  await click(persona.politiker, personal(persona.politiker), 'topic.submit', { ...dataOf(topicForm, 'topic.submit'), title: 'Ældre og ensomhed', why: 'Flere ældre bor alene.', part: '1', committee: '' });
  http.clock.set('2026-12-07T11:00:00Z');
  await http.sweep(); // closes the tender at its deadline
  expect((await http.repos.tenders.getTender(DEMO_TENANT, ended))!.value.status).toBe('closed');
  const agenda = await items('agendas');
  expect(agenda).toHaveLength(1);
  return { ended, open, bidId, meetingStart: String(agenda[0]!.meetingStart) };
}

async function items(container: 'tenders' | 'agendas'): Promise<Record<string, unknown>[]> {
  return (await (http.cosmos.containers as unknown as Record<string, Container>)[container]!.items.query<Record<string, unknown>>('SELECT * FROM c').fetchAll()).resources;
}

async function setRetention(yaml: string) {
  const parsed = parseCalendarFile(yaml, { reminders: DEFAULT_REMINDERS });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  expect((await importCalendar({ ...http.repos, clock: http.clock }, DEMO_TENANT, parsed.file, 'test')).ok).toBe(true);
}

const plusMonths = (iso: string, months: number, days: number) => {
  const d = new Date(iso);
  d.setUTCMonth(d.getUTCMonth() + months);
  return new Date(d.getTime() + days * 86_400_000);
};

describe('retention of ended tenders', () => {
  it('deletes the tender with its bid, evaluation and tally the day after its months are up, not the day before; the open tender stays', async () => {
    const { ended, open } = await world();
    await setRetention('retention:\n  tenderMonths: 12\n');
    const of = async (tenderId: string) => (await items('tenders')).filter((i) => i.id === tenderId || i.tenderId === tenderId).map((i) => String(i.type)).sort();
    expect(await of(ended)).toEqual(['bid', 'evaluation', 'tally', 'tender']);

    http.clock.set(plusMonths('2026-12-07T11:00:00Z', 12, -1));
    await http.sweep();
    expect(await of(ended)).toEqual(['bid', 'evaluation', 'tally', 'tender']);

    http.clock.set(plusMonths('2026-12-07T11:00:00Z', 12, 1));
    await http.sweep();
    expect(await of(ended)).toEqual([]);
    expect(await of(open)).toEqual(['tender']);
    // Run again: nothing more to do, nothing else touched.
    const before = JSON.stringify(await items('tenders'));
    await http.sweep();
    expect(JSON.stringify(await items('tenders'))).toBe(before);
  });

  it('keeps everything when the tenant sets no retention, however long ago', async () => {
    const { ended } = await world();
    http.clock.set('2036-12-08T11:00:00Z');
    await http.sweep();
    expect((await http.repos.tenders.getTender(DEMO_TENANT, ended))?.value.status).toBe('closed');
    expect(await items('agendas')).toHaveLength(1);
  });

  it('finishes a tender whose deletion was cut short: the tender goes last, so the next run finds it again', async () => {
    const { ended, bidId } = await world();
    await setRetention('retention:\n  tenderMonths: 12\n');
    // As if a crash came after the bid was deleted and before the rest.
    await http.repos.retention.deleteItem('tenders', DEMO_TENANT, bidId);
    http.clock.set(plusMonths('2026-12-07T11:00:00Z', 12, 1));
    await http.sweep();
    expect((await items('tenders')).filter((i) => i.id === ended || i.tenderId === ended)).toEqual([]);
  });
});

describe('retention of held dialogmøder', () => {
  it('deletes the agenda with its topics the day after its months are up, not the day before', async () => {
    const { meetingStart } = await world();
    await setRetention('retention:\n  agendaMonths: 24\n');
    http.clock.set(plusMonths(meetingStart, 24, -1));
    await http.sweep();
    expect(JSON.stringify(await items('agendas'))).toContain('Ældre og ensomhed');
    http.clock.set(plusMonths(meetingStart, 24, 1));
    await http.sweep();
    expect(await items('agendas')).toEqual([]);
  });
});

describe('the retention setting', () => {
  it('is months in the calendar file; a bad value is refused with the line', () => {
    const ok = parseCalendarFile('retention:\n  tenderMonths: 60\n  agendaMonths: 120\n', { reminders: DEFAULT_REMINDERS });
    expect(ok.ok && ok.file.retention).toEqual({ tenderMonths: 60, agendaMonths: 120 });
    const bad = parseCalendarFile('retention:\n  tenderMonths: 0\n', { reminders: DEFAULT_REMINDERS });
    expect(bad.ok).toBe(false);
    const unknown = parseCalendarFile('retention:\n  bids: 12\n', { reminders: DEFAULT_REMINDERS });
    expect(unknown.ok).toBe(false);
  });

  it('counts calendar months back from now, the 31st falling back to the month’s last day', () => {
    expect(retentionCutoff(new Date('2027-12-08T11:00:00Z'), 12).toISOString()).toBe('2026-12-08T11:00:00.000Z');
    expect(retentionCutoff(new Date('2027-03-31T08:00:00Z'), 1).toISOString()).toBe('2027-02-28T08:00:00.000Z');
    expect(retentionCutoff(new Date('2028-01-15T00:00:00Z'), 25).toISOString()).toBe('2025-12-15T00:00:00.000Z');
  });
});

describe('what the sweep costs', () => {
  it('per tenant with retention set: the calendar read and one TOP query per kind, when nothing is due', async () => {
    const requests = new CosmosRequestLog();
    await world(requests);
    await setRetention('retention:\n  tenderMonths: 12\n  agendaMonths: 24\n');
    const { sweepRetention } = await import('../../src/app/retention.js');
    requests.clear();
    await sweepRetention({ retention: http.repos.retention, calendars: http.repos.calendars, directories: http.repos.directories, clock: http.clock, log: (await import('pino')).default({ level: 'silent' }) });
    // The tenant list (one query), the calendar (one point read), the ended tenders and held agendas (one query each).
    expect(requests.queries).toHaveLength(3);
    expect(requests.reads).toHaveLength(1);
  });
});
