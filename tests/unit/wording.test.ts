// The bot's own words and how cards show status: one quote style per language (»…« in Danish, “…” in
// English), Danish commas before a subordinate clause ("Her er det, du skrev"), status in words and a
// symbol in the default colour rather than in low-contrast green or yellow, each reminder on its own,
// a topic on its receipt in the normal font, and the final agenda's box saying its status.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agendaCard, meetingWhen, topicFormCard, topicLateCard, topicReceiptCard } from '../../src/adapters/cards/agenda-views.js';
import { cardsDirectory, type CardJson } from '../../src/adapters/cards/render-card.js';
import { byraadReminderCard, konsulentReminderCard, reminderStatusCard } from '../../src/adapters/cards/reminder-views.js';
import { cancelDoneCard, publishRefusedCard, publishReportCard } from '../../src/adapters/cards/tender-report-views.js';
import { catalog } from '../../src/adapters/i18n/text.js';
import { addTopic, lock, newAgenda } from '../../src/domain/agenda.js';
import { DEFAULT_CALENDAR, generateMonth } from '../../src/domain/calendar.js';
import { reminder } from '../support/card-fixtures.js';
import { publishedTender } from '../support/tender-fixtures.js';

/** Every element of a card, depth first. */
function nodes(card: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      out.push(n as Record<string, unknown>);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return out;
}
const textBlocks = (card: CardJson) => nodes(card).filter((n) => n.type === 'TextBlock');

describe('quotes and commas in the texts', () => {
  const danish = Object.entries(catalog('da'));
  const english = Object.entries(catalog('en'));

  it('quotes in Danish with »…« only: no «…», no straight or English quotes', () => {
    const wrong = danish.filter(([, t]) => /["“”„]/.test(t) || /[»«]/.test(t.replace(/»[^»«]*«/g, '')));
    expect(wrong).toEqual([]);
  });

  it('quotes in English with “…” only: no guillemets, no straight double quotes', () => {
    const wrong = english.filter(([, t]) => /["«»]/.test(t) || /[“”]/.test(t.replace(/“[^“”]*”/g, '')));
    expect(wrong).toEqual([]);
  });

  it('puts a comma before "du skrev" and before a question-word clause in Danish ("Her er det, du skrev"; "se, hvad du kan")', () => {
    const wrong = danish.filter(([, t]) => /\bdet du skrev/i.test(t) || /\b(er|se|vis|skriv) (hvad|hvilke|hvilken)\b/i.test(t));
    expect(wrong).toEqual([]);
    expect(catalog('da')['error.yourInput']).toBe('Det, du skrev');
    expect(catalog('da')['late.echoHeading']).toBe('Her er det, du skrev, så du kan kopiere det:');
  });

  it('says where a topic was not put, and which tender does not exist', () => {
    expect(catalog('da')['topicForm.summary']).toMatch(/^Emnet er ikke sat på dagsordenen endnu\./);
    expect(catalog('da')['error.tenderNotFound']).toBe('Udbuddet findes ikke, eller du har ikke adgang til det.');
    expect(catalog('en')['error.tenderNotFound']).toBe('The tender does not exist, or you do not have access to it.');
    const december = generateMonth(2026, 12, DEFAULT_CALENDAR, []).find((m) => m.id === 'dialogmoede-2026-12')!;
    const form = topicFormCard('da', { meeting: december, submissionId: 's', values: { title: '', why: '', part: '', committee: '' }, errors: [{ field: 'title', code: 'REQUIRED' }] });
    expect(textBlocks(form).map((b) => b.text)).toContain('Emnet er ikke sat på dagsordenen endnu. Ret det, der er markeret, og send igen.');
  });

  it('quotes an extra meeting’s own title the same way in a sentence', () => {
    const extra = { ...generateMonth(2026, 12, DEFAULT_CALENDAR, []).find((m) => m.id === 'dialogmoede-2026-12')!, title: 'Ekstra dialogmøde', added: true };
    expect(meetingWhen(extra, 'da')).toBe('»Ekstra dialogmøde« mandag 7. december 2026 kl. 14.00');
    expect(meetingWhen(extra, 'en')).toBe('“Ekstra dialogmøde” Monday 7 December 2026 at 14:00');
  });
});

// ---- colours ----

/**
 * Text colours a card may use. Teams' Good (#92C353) is about 2.2:1 on white and its Warning yellow is
 * lower still, both under WCAG's 4.5:1 for text; Accent, Light and Dark depend on the theme. Attention
 * (#C4314B in Teams' light theme, about 5.4:1) stays, for what went wrong. Container styles (a tinted
 * background under default-coloured text) are not text colours and stay.
 */
const ALLOWED_COLOURS = ['Default', 'Attention'];

const december = generateMonth(2026, 12, DEFAULT_CALENDAR, [{ id: 'kernegruppe-laering', name: 'Kernegruppe Læring' }]);
const byraadMeeting = december.find((m) => m.kind === 'byraadsmoede')!;
const dialogmoede = december.find((m) => m.id === 'dialogmoede-2026-12')!;
const digest = { groupId: 'kernegruppe-laering', groupName: 'Kernegruppe Læring', openTenders: [], closedSinceLastMonth: [], drafts: 2 };
const statusCard = (locale: 'da' | 'en') =>
  reminderStatusCard(locale, {
    counts: { sent: 8, pending: 2, skipped: 1, unreachable: 1 },
    notable: [reminder({ status: 'sent', late: true, sentAt: '2026-12-23T19:00:00Z' }), reminder({ status: 'skipped', skippedReason: 'cancelled' }), reminder({ status: 'unreachable', lastError: 'forbidden (403)' })],
    next: [reminder({}), reminder({ id: 'rem-2', dueAt: '2026-12-29T16:00:00Z' })],
    describe: (r) => `Byrådsmøde · ${r.id}`,
  });

const STATUS_CARDS: Record<string, () => CardJson> = {
  'published to one channel, not to another': () =>
    publishReportCard('da', publishedTender(), [
      { conversationId: '19:general', name: 'General', ok: true },
      { conversationId: '19:byraad', name: 'Byrådet', ok: false, reason: 'not-installed' },
    ]),
  'not published anywhere': () => publishRefusedCard('en', publishedTender(), [{ conversationId: '19:general', name: 'General', ok: false, reason: 'removed' }]),
  'cancelled, one bidder not reached': () => cancelDoneCard('da', publishedTender(), { told: 2, notReached: 1 }),
  'byrådsmøde reminder, sent late, with drafts': () => byraadReminderCard('da', { meeting: byraadMeeting, digest, late: true }),
  'konsulent digest, sent late': () => konsulentReminderCard('en', { meeting: byraadMeeting, digests: [digest], late: true }),
  'reminder status': () => statusCard('da'),
};

describe('status on cards is words and a symbol, in colours with enough contrast', () => {
  it('uses no other text colour in any template', () => {
    const dir = cardsDirectory();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const colours = nodes(JSON.parse(readFileSync(path.join(dir, file), 'utf8'))).flatMap((n) => (typeof n.color === 'string' ? [n.color] : []));
      for (const c of colours) expect([...ALLOWED_COLOURS, '${color}'], `${file}: ${c}`).toContain(c);
    }
  });

  it.each(Object.entries(STATUS_CARDS))('uses no other text colour when rendered: %s', (_name, render) => {
    for (const block of textBlocks(render())) expect(ALLOWED_COLOURS, String(block.text)).toContain(block.color ?? 'Default');
  });

  it('marks what went well with ✓ and what did not with ✗, in words too', () => {
    const shown = textBlocks(STATUS_CARDS['published to one channel, not to another']!());
    expect(shown.find((b) => b.text === '✓ General')?.color).toBe('Default');
    expect(shown.find((b) => String(b.text).startsWith('✗ Byrådet'))).toMatchObject({ text: '✗ Byrådet: botten er ikke tilføjet kanalen', color: 'Attention' });
    expect(shown.find((b) => String(b.text).startsWith('⚠ Opslaget kom ikke ud'))?.color).toBe('Default');
  });
});

describe('påmindelser: each reminder on its own', () => {
  it('gives each reminder its own block under a rule, starting with its status and symbol', () => {
    const blocks = textBlocks(statusCard('da')).slice(1); // after the heading
    expect(blocks.map((b) => [String(b.text).split(':')[0], b.separator])).toEqual([
      ['Sendt', false], // the counts
      ['⚠ Sendt for sent', true],
      ['⚠ Sprunget over (mødet er aflyst)', true],
      ['✗ Kunne ikke sendes', true],
      ['⏳ Næste', true],
      ['⏳ Næste', true],
    ]);
    expect(blocks[3]!.color).toBe('Attention');
  });
});

describe('the topic on its receipt', () => {
  const agenda = (() => {
    const a = newAgenda('t', dialogmoede, new Date('2026-12-01T10:00:00Z'));
    const r = addTopic(a, dialogmoede, { id: 'topic-1', fields: { title: 'Ældre og ensomhed', why: 'Flere ældre bor alene.', part: 1 }, author: { id: 'mette', name: 'Mette Holm', teamsId: '29:m', serviceUrl: 'https://smba.example/' } }, new Date('2026-12-01T10:00:00Z'));
    if (!r.ok) throw new Error('topic not added');
    return r.value.agenda;
  })();
  const topic = agenda.topics[0]!;

  it('is in the normal font, like the agenda it is on, not in monospace like text shown back to copy', () => {
    const receipt = textBlocks(topicReceiptCard('da', { topic, meeting: dialogmoede, change: 'added', open: true }));
    expect(receipt.find((b) => b.text === 'Ældre og ensomhed')?.fontType).toBe('Default');
    expect(receipt.some((b) => b.fontType === 'Monospace')).toBe(false);
    // A refusal still shows what was typed in monospace, to copy.
    const refusal = textBlocks(topicLateCard('da', { meeting: dialogmoede, reason: 'locked', action: 'submit', values: { title: 'Ældre og ensomhed', why: 'x', part: '1', committee: '' }, submissionId: 's' }));
    expect(refusal.find((b) => b.text === 'Ældre og ensomhed')?.fontType).toBe('Monospace');
  });

  it('the final agenda’s box says its status, and the order is told in the small print', () => {
    for (const [locale, status, order] of [
      ['da', 'Endelig dagsorden – låst mandag 7. december 2026 kl. 14.00.', 'I hver del står emnerne i den rækkefølge, de kom ind.'],
      ['en', 'Final agenda – locked Monday 7 December 2026 at 14:00.', 'Within each part, the topics are in the order they came in.'],
    ] as const) {
      const card = agendaCard(locale, { meeting: dialogmoede, agenda: lock(agenda, new Date(dialogmoede.start)), mode: { kind: 'final' }, now: new Date(dialogmoede.start) });
      const box = nodes(card).find((n) => n.type === 'Container' && n.style !== undefined) as { items: { text: string }[] };
      expect(box.items[0]!.text).toBe(status);
      expect(textBlocks(card).at(-1)?.text).toBe(order);
    }
  });
});
