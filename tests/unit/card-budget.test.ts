// Every card stays under the budget whatever people type: each view rendered with every typed field at
// its limit, filled with the characters that cost the most (backslashes, escaped marks, emoji, line
// starts), and measured as Teams measures a message (UTF-16, two bytes per JSON character). And the one
// check at the sending edge: a card over the budget is logged and replaced by a small one.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agendaCard, agendaNoticeCard, finalAgendaCards, topicLateCard, topicReceiptCard, type AgendaMode } from '../../src/adapters/cards/agenda-views.js';
import { CARD_BUDGET_BYTES, cardBytes, fitCard } from '../../src/adapters/cards/card-budget.js';
import { escapeMarkdown, renderCard } from '../../src/adapters/cards/render-card.js';
import { reminderStatusCard } from '../../src/adapters/cards/reminder-views.js';
import { bidDetailCard, bidOverviewCard, lateCard } from '../../src/adapters/cards/bid-views.js';
import { bidEcho, bidFormValuesFrom } from '../../src/adapters/cards/tender-card-parts.js';
import { helpCard, noticeCard } from '../../src/adapters/cards/views.js';
import { commandsFor } from '../../src/adapters/teams/commands.js';
import { addTopic, lock, newAgenda, orderedTopics, TOPIC_LIMITS, type Agenda } from '../../src/domain/agenda.js';
import { BID_LIMITS } from '../../src/domain/bid.js';
import { DEFAULT_CALENDAR, generateMonth } from '../../src/domain/calendar.js';
import type { Reminder } from '../../src/domain/reminders.js';
import { admin } from '../support/card-fixtures.js';
import { capturedLog } from '../support/log-capture.js';
import { NOW, closedTender, publishedTender, submitBidOn } from '../support/tender-fixtures.js';
import { worst, worstText, type Filler } from '../support/worst-case.js';

const KB = 1024;
/** A Teams display name can be 256 characters. */
const NAME = 256;
const FILLERS: Filler[] = ['backslashes', 'mixed'];
const forged = (filler: Filler) => worst(100 * KB, filler);

const dialogmoede = generateMonth(2026, 12, DEFAULT_CALENDAR, []).find((m) => m.id === 'dialogmoede-2026-12')!;
const next = generateMonth(2027, 1, DEFAULT_CALENDAR, []).find((m) => m.id === 'dialogmoede-2027-01')!;
const before = new Date('2026-12-01T10:00:00Z');

/** 100 topics (the cap), every field at its limit; every fourth is Mette's, so her view has buttons on them. */
function fullAgenda(text: (limit: number) => string): Agenda {
  let a = newAgenda('de000000-0000-4000-8000-000000000001', dialogmoede, before);
  for (let i = 0; i < TOPIC_LIMITS.topics; i++) {
    const fields = { title: text(TOPIC_LIMITS.title), why: text(TOPIC_LIMITS.why), part: ((i % 2) + 1) as 1 | 2, committee: 'Fritid & Fællesskab' };
    const author = { id: i % 4 === 0 ? 'mette' : `p${i}`, name: text(NAME), teamsId: `29:p${i}`, serviceUrl: 'https://smba.example/' };
    const r = addTopic(a, dialogmoede, { id: `topic-${i}`, fields, author }, new Date(before.getTime() + i * 60_000));
    if (!r.ok) throw new Error(r.code);
    a = r.value.agenda;
  }
  return a;
}

const MODES: Record<string, AgendaMode> = {
  'shared, call for topics': { kind: 'shared', stage: 'call' },
  'shared, last call': { kind: 'shared', stage: 'lastCall' },
  "a politician's own view": { kind: 'personal', viewer: { personId: 'mette', admin: false, canAdd: true } },
  "the secretary's view": { kind: 'personal', viewer: { personId: 'admin', admin: true, canAdd: true } },
};

/** Every topic line on the cards, in order ("1. …"): what a reader of all the pages sees. */
const topicLines = (cards: object[]) => cards.flatMap((c) => JSON.stringify(c).match(/"text":"\d+\. /g) ?? []).length;

const expectUnder = (card: object) => expect(cardBytes(card)).toBeLessThan(CARD_BUDGET_BYTES);

describe.each(FILLERS)('every card stays under 40 KB with every typed field at its limit (%s)', (filler) => {
  const text = (n: number) => worst(n, filler);
  const agenda = fullAgenda(text);

  it.each(Object.entries(MODES))('the agenda of 100 topics, %s: every page under budget, and the pages together show every topic', (_name, mode) => {
    const first = agendaCard('da', { meeting: dialogmoede, agenda, mode, now: before });
    expectUnder(first);
    const pages: object[] = [first];
    for (let page = 2; page <= 100; page++) {
      const card = agendaCard('da', { meeting: dialogmoede, agenda, mode, now: before, page });
      if (JSON.stringify(card) === JSON.stringify(pages.at(-1))) break;
      expectUnder(card);
      pages.push(card);
    }
    expect(pages.length).toBeGreaterThan(1);
    expect(topicLines(pages)).toBe(100);
  });

  it('the final agenda posted at the start: several messages, each under budget, numbered, every title and why in order', () => {
    const locked = lock(agenda, new Date(dialogmoede.start));
    const cards = finalAgendaCards('da', { meeting: dialogmoede, agenda: locked, now: new Date(dialogmoede.start) });
    expect(cards.length).toBeGreaterThan(1);
    for (const card of cards) expectUnder(card);
    const all = cards.map((c) => JSON.stringify(c)).join('');
    expect(all).toContain(`(1/${cards.length})`);
    expect(all).toContain(`(${cards.length}/${cards.length})`);
    const titles = [...all.matchAll(/"text":"(\d+)\. /g)].map((m) => Number(m[1]));
    expect(titles).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    // Each topic's why is on the card (its opening, as on the one-card agenda).
    expect(orderedTopics(locked).every((t) => all.includes(JSON.stringify(escapeMarkdown(t.why.slice(0, 100))).slice(1, -1)))).toBe(true);
  });

  it('a bid in full: detail and overview', () => {
    const tender = publishedTender({ title: text(120), description: text(4000) });
    const fields = {
      title: text(BID_LIMITS.title),
      description: text(BID_LIMITS.description),
      howItHelps: text(BID_LIMITS.howItHelps),
      roles: { kommunen: text(1000), borgeren: text(1000), familien: text(1000), lokalsamfundet: text(1000), arbejdsgiveren: text(1000) },
      coBidders: text(BID_LIMITS.coBidders),
    };
    const { tender: withBid, bid } = submitBidOn(tender, fields, { id: 'p-x', name: text(NAME) });
    const detail = bidDetailCard('da', withBid, bid);
    expectUnder(detail);
    // What had to be cut says so, and is one press away in full, alone on a card that fits too.
    expect(JSON.stringify(detail)).toContain('(Forkortet her: de første');
    const readAll = JSON.stringify(detail).match(/"title":"Læs hele: Aktiviteten","data":(\{[^}]*\})/);
    expect(JSON.parse(readAll![1]!)).toEqual({ bidId: bid.id, field: 'description' });
    const whole = bidDetailCard('da', withBid, bid, { field: 'description' });
    expectUnder(whole);
    expect(JSON.stringify(whole)).toContain(JSON.stringify(escapeMarkdown(bid.description)).slice(1, -1));
    const ten = Array.from({ length: 10 }, (_, i) => ({ ...bid, id: `bid-${i}`, number: i + 1 }));
    expectUnder(bidOverviewCard('da', withBid, ten, { hasPrevious: true, hasNext: true }, NOW));
  });

  it('refusals echoing forged 100 KB inputs', () => {
    const big = forged(filler);
    const values = bidFormValuesFrom({ title: big, description: big, howItHelps: big, roleKommunen: big, roleBorgeren: big, roleFamilien: big, roleLokalsamfundet: big, roleArbejdsgiveren: big, coBidders: big });
    expectUnder(lateCard('da', { tender: closedTender(), reason: 'deadline', echo: bidEcho('da', values) }));
    const topic = { title: big, why: big, part: '1', committee: big };
    expectUnder(topicLateCard('da', { meeting: dialogmoede, reason: 'locked', action: 'submit', values: topic, next, submissionId: 's' }));
    expectUnder(agendaNoticeCard('da', { text: 'Nej.', style: 'attention', values: topic }));
    expectUnder(agendaNoticeCard('da', { text: 'Nej.', style: 'attention', input: big }));
    expectUnder(noticeCard('da', { text: 'Nej.', style: 'attention', input: big }));
    expectUnder(helpCard('da', { actor: admin, commands: commandsFor(admin, 'da'), inGroupConversation: false, notUnderstood: big }));
    const locked = lock(agenda, new Date(dialogmoede.start));
    expectUnder(topicReceiptCard('da', { topic: locked.topics[0]!, meeting: dialogmoede, change: 'added', open: true, changedBy: text(NAME) }));
  });

  it('påmindelser with the most reminders it lists, every name at its longest', () => {
    const r = (i: number, patch: Partial<Reminder>): Reminder => ({
      id: `rem-${i}`,
      tenantId: 'x',
      meetingId: 'byraadsmoede-2026-12',
      meetingKind: 'byraadsmoede',
      ruleId: 'byraadsmoede-7d',
      target: { type: 'group', groupId: 'g' },
      dueAt: '2026-12-23T16:00:00Z',
      meetingStart: '2026-12-30T16:00:00Z',
      status: 'unreachable',
      attempts: 3,
      lastError: text(500),
      updatedAt: '2026-12-23T16:00:00Z',
      ...patch,
    });
    const card = reminderStatusCard('da', {
      counts: { sent: 1, pending: 5, skipped: 0, unreachable: 15, sending: 0 },
      notable: Array.from({ length: 15 }, (_, i) => r(i, {})),
      next: Array.from({ length: 5 }, (_, i) => r(i, { status: 'pending' })),
      describe: () => `Byrådsmøde onsdag 30. december 2026 kl. 17.00 · 7 dage før · ${text(NAME)}`,
    });
    expectUnder(card);
  });
});

describe('property: any mix of the dearest characters, at every limit', () => {
  it('a bid detail and a late bid stay under budget', () => {
    fc.assert(
      fc.property(worstText(BID_LIMITS.description), worstText(BID_LIMITS.howItHelps), worstText(BID_LIMITS.partyRole), (description, howItHelps, role) => {
        const { tender, bid } = submitBidOn(publishedTender(), { description, howItHelps, roles: { kommunen: role, borgeren: role, familien: role, lokalsamfundet: role, arbejdsgiveren: role } });
        expectUnder(bidDetailCard('da', tender, bid));
        const values = bidFormValuesFrom({ title: 'x', description, howItHelps, roleKommunen: role, roleBorgeren: role });
        expectUnder(lateCard('da', { tender: closedTender(), reason: 'deadline', echo: bidEcho('da', values) }));
      }),
      { numRuns: 15 },
    );
  });

  it('every page of a full agenda stays under budget', () => {
    fc.assert(
      fc.property(worstText(TOPIC_LIMITS.title), worstText(TOPIC_LIMITS.why), (title, why) => {
        const agenda = fullAgenda((n) => (n === TOPIC_LIMITS.title ? title : n === TOPIC_LIMITS.why ? why : title.padEnd(n, '\\').slice(0, n)));
        for (const card of finalAgendaCards('en', { meeting: dialogmoede, agenda: lock(agenda, new Date(dialogmoede.start)), now: new Date(dialogmoede.start) })) expectUnder(card);
        expectUnder(agendaCard('en', { meeting: dialogmoede, agenda, mode: MODES["the secretary's view"]!, now: before, page: 3 }));
      }),
      { numRuns: 5 },
    );
  });
});

describe('the check at the sending edge', () => {
  it('passes a card under the budget as it is', () => {
    const card = noticeCard('da', { text: 'Intet er ændret.', style: 'default' });
    const { log, lines } = capturedLog();
    expect(fitCard(card, 'da', log)).toBe(card);
    expect(lines).toEqual([]);
  });

  it('replaces a card over the budget by a small one that says so, and logs its template and size', () => {
    const huge = renderCard('notice', { title: 'x', text: 'y'.repeat(30_000), style: 'default', inputLabel: '', input: '' });
    const { log, lines } = capturedLog();
    const sent = fitCard(huge, 'da', log);
    expect(cardBytes(sent)).toBeLessThan(4 * KB);
    expect(JSON.stringify(sent)).toContain('Svaret blev for stort til at vise som kort i Teams');
    expect(JSON.stringify(sent)).toContain('dagsorden som tekst');
    expect(lines).toEqual([expect.objectContaining({ level: 50, template: 'notice', bytes: cardBytes(huge), msg: 'card over budget, sent a smaller one instead' })]);
  });
});

describe('escapeMarkdown runs in time linear in its input', () => {
  it('escapes 1 MB of blank lines and of line-start marks', () => {
    expect(escapeMarkdown('\n'.repeat(1024 * KB))).toHaveLength(1024 * KB);
    expect(escapeMarkdown(' \n'.repeat(512 * KB))).toHaveLength(1024 * KB);
    expect(escapeMarkdown('# \n'.repeat(300 * KB))).toHaveLength(1200 * KB);
  }, 20_000);
});
