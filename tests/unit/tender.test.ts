// Tenders as a kernegruppe meets them: what the form accepts and refuses (every limit at and one
// over, deadlines in the past, at this very moment and on the hour that does not exist, budgets as
// people write them), the lifecycle and its refusals, bidding that closes at the deadline to the
// millisecond, bid numbers that a resent form does not double, the once-a-minute card refresh, and
// the audit history each change leaves.

import { describe, expect, it } from 'vitest';
import {
  announcementStale,
  attentionAt,
  biddingOpen,
  cancel,
  close,
  countWithdrawal,
  createDraft,
  editDraft,
  firstTally,
  markClosingReported,
  markShown,
  numberBatch,
  opensForudsaetninger,
  publish,
  recordAnnouncements,
  registerSubmission,
  TENDER_LIMITS,
  validateTenderInput,
  withdrawFromTally,
  type FieldError,
  type Tally,
  type Tender,
  type TenderFields,
  type TenderInput,
} from '../../src/domain/tender.js';
import { CATALOG, DEADLINE, ms, NOW } from '../support/domain-fixtures.js';

/** What Kernegruppe Læring may open: its own kerneopgave's forudsætninger. */
const OPENABLE = ['laering-1', 'laering-2', 'laering-3'];

const INPUT = {
  title: 'Læsevenner i lokalsamfundet',
  description: 'Vi søger idéer til, hvordan frivillige læsevenner kan styrke børns læselyst.',
  forudsaetninger: 'laering-1,laering-2',
  deadlineDate: '2026-12-07',
  deadlineTime: '12:00',
  budgetKr: '250000',
  decidedBy: 'kernegruppe',
} satisfies Record<keyof TenderInput, string>;

const JOHAN = { id: 'p-johan', name: 'Johan Kristensen' };
const HANNE = 'p-hanne';

type AnyResult<T> = { ok: true; value: T } | { ok: false; code: string; details?: unknown };

function must<T>(result: AnyResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.code} ${JSON.stringify(result.details ?? '')}`);
  return result.value;
}
const codeOf = (result: AnyResult<unknown>): string => (result.ok ? 'ok' : result.code);

const validate = (input: TenderInput, now = NOW) => validateTenderInput(input, OPENABLE, now);
/** The field errors the form would show, or [] when it is accepted. */
function errorsOf(input: TenderInput, now = NOW): FieldError[] {
  const r = validate(input, now);
  return r.ok ? [] : (r.details ?? []);
}
const fields = (input: Partial<TenderInput> = {}): TenderFields => must(validate({ ...INPUT, ...input }));

const draft = (input: Partial<TenderInput> = {}): Tender =>
  createDraft(
    {
      id: 'tender-1',
      tenantId: 'tenant-1',
      group: { id: 'kg-laering', name: 'Kernegruppe Læring' },
      kerneopgave: { id: 'laering', name: 'Læring' },
      catalog: CATALOG,
      fields: fields(input),
      by: JOHAN,
    },
    NOW,
  );
const published = (input: Partial<TenderInput> = {}) => must(publish(draft(input), JOHAN.id, ms(NOW, 60_000)));

describe('validateTenderInput: the tender form', () => {
  it('accepts a complete form and reads it the way the person meant it', () => {
    const r = validate(INPUT);
    expect(r).toEqual({
      ok: true,
      value: {
        title: 'Læsevenner i lokalsamfundet',
        description: INPUT.description,
        forudsaetninger: ['laering-1', 'laering-2'],
        deadline: DEADLINE,
        budgetKr: 250_000,
        decidedBy: 'kernegruppe',
      },
    });
  });

  it('reports every missing required field at once, each at its field', () => {
    expect(errorsOf({})).toEqual([
      { field: 'title', code: 'REQUIRED' },
      { field: 'description', code: 'REQUIRED' },
      { field: 'forudsaetninger', code: 'REQUIRED' },
      { field: 'deadline', code: 'REQUIRED' },
    ]);
  });

  it('treats text that is only spaces and line breaks as missing', () => {
    expect(errorsOf({ ...INPUT, title: '   ', description: '\r\n \n' })).toEqual([
      { field: 'title', code: 'REQUIRED' },
      { field: 'description', code: 'REQUIRED' },
    ]);
  });

  it('trims what was typed around the title and description', () => {
    expect(fields({ title: '  Læsevenner  ', description: '\n Tekst \n' })).toMatchObject({ title: 'Læsevenner', description: 'Tekst' });
  });

  it('asks for both the date and the time of the deadline', () => {
    expect(errorsOf({ ...INPUT, deadlineTime: '' })).toEqual([{ field: 'deadline', code: 'REQUIRED' }]);
    expect(errorsOf({ ...INPUT, deadlineDate: ' ' })).toEqual([{ field: 'deadline', code: 'REQUIRED' }]);
  });

  it('does not take anything but text as a title', () => {
    expect(errorsOf({ ...INPUT, title: 42 })).toEqual([{ field: 'title', code: 'REQUIRED' }]);
  });

  describe('limits, at exactly the limit and one over', () => {
    it(`title: ${TENDER_LIMITS.title} characters`, () => {
      expect(errorsOf({ ...INPUT, title: 'a'.repeat(TENDER_LIMITS.title) })).toEqual([]);
      expect(errorsOf({ ...INPUT, title: 'a'.repeat(TENDER_LIMITS.title + 1) })).toEqual([{ field: 'title', code: 'TOO_LONG', limit: 120 }]);
    });

    it(`description: ${TENDER_LIMITS.description} characters`, () => {
      expect(errorsOf({ ...INPUT, description: 'b'.repeat(TENDER_LIMITS.description) })).toEqual([]);
      expect(errorsOf({ ...INPUT, description: 'b'.repeat(TENDER_LIMITS.description + 1) })).toEqual([
        { field: 'description', code: 'TOO_LONG', limit: 4000 },
      ]);
    });

    it('counts a Windows line break as one character, and not the spaces around the text', () => {
      const lines = `${'c'.repeat(1999)}\r\n${'c'.repeat(2000)}`; // 4000 once \r\n is \n
      expect(errorsOf({ ...INPUT, description: `  ${lines}  ` })).toEqual([]);
      expect(fields({ description: lines }).description).toBe(`${'c'.repeat(1999)}\n${'c'.repeat(2000)}`);
    });

    it('budget: 10 milliard kroner', () => {
      expect(fields({ budgetKr: '10000000000' }).budgetKr).toBe(TENDER_LIMITS.budgetKr);
      expect(errorsOf({ ...INPUT, budgetKr: '10000000001' })).toEqual([{ field: 'budgetKr', code: 'TOO_LONG', limit: 10_000_000_000 }]);
    });
  });

  describe('the deadline', () => {
    it('is read as Copenhagen time', () => {
      expect(fields({ deadlineDate: '2026-12-07', deadlineTime: '12:00' }).deadline.toISOString()).toBe('2026-12-07T11:00:00.000Z');
    });

    it('refuses a deadline in the past', () => {
      expect(errorsOf({ ...INPUT, deadlineDate: '2026-11-20' })).toEqual([{ field: 'deadline', code: 'IN_PAST' }]);
    });

    it('refuses a deadline at this very minute, and takes one a millisecond ahead', () => {
      // 10.00 in Copenhagen is NOW itself.
      expect(errorsOf({ ...INPUT, deadlineDate: '2026-11-23', deadlineTime: '10:00' })).toEqual([{ field: 'deadline', code: 'IN_PAST' }]);
      expect(errorsOf({ ...INPUT, deadlineDate: '2026-11-23', deadlineTime: '10:00' }, ms(NOW, -1))).toEqual([]);
    });

    it('refuses 02:30 on the night summer time starts, which no clock shows', () => {
      const spring = new Date('2026-03-01T12:00:00Z');
      expect(errorsOf({ ...INPUT, deadlineDate: '2026-03-29', deadlineTime: '02:30' }, spring)).toEqual([
        { field: 'deadline', code: 'NOT_EXISTING_TIME' },
      ]);
      expect(errorsOf({ ...INPUT, deadlineDate: '2026-03-29', deadlineTime: '03:00' }, spring)).toEqual([]);
    });

    it('takes 02:30 on the night summer time ends as the first 02:30', () => {
      const autumn = new Date('2026-10-01T12:00:00Z');
      const r = validateTenderInput({ ...INPUT, deadlineDate: '2026-10-25', deadlineTime: '02:30' }, OPENABLE, autumn);
      expect(must(r).deadline.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    });

    it.each([
      ['2026-02-30', '12:00'],
      ['07-12-2026', '12:00'],
      ['2026-12-07', '25:00'],
      ['2026-12-07', 'middag'],
    ])('calls %s %s invalid', (deadlineDate, deadlineTime) => {
      expect(errorsOf({ ...INPUT, deadlineDate, deadlineTime })).toEqual([{ field: 'deadline', code: 'INVALID' }]);
    });
  });

  describe('forudsætninger', () => {
    it('takes the multi-select\'s "a,b" and an array alike, without duplicates', () => {
      expect(fields({ forudsaetninger: ' laering-2 , laering-1,laering-2,' }).forudsaetninger).toEqual(['laering-2', 'laering-1']);
      expect(fields({ forudsaetninger: ['laering-3', 'laering-3'] }).forudsaetninger).toEqual(['laering-3']);
    });

    it("refuses a forudsætning of another kerneopgave, or one that does not exist, even next to the group's own", () => {
      expect(errorsOf({ ...INPUT, forudsaetninger: 'laering-1,teknik-1' })).toEqual([{ field: 'forudsaetninger', code: 'UNKNOWN_CHOICE' }]);
      expect(errorsOf({ ...INPUT, forudsaetninger: 'laering-99' })).toEqual([{ field: 'forudsaetninger', code: 'UNKNOWN_CHOICE' }]);
    });

    it('asks for at least one', () => {
      expect(errorsOf({ ...INPUT, forudsaetninger: ' , ' })).toEqual([{ field: 'forudsaetninger', code: 'REQUIRED' }]);
      expect(errorsOf({ ...INPUT, forudsaetninger: [] })).toEqual([{ field: 'forudsaetninger', code: 'REQUIRED' }]);
    });
  });

  describe('who decides', () => {
    it('is the kernegruppe unless the form says Byrådet', () => {
      expect(fields({ decidedBy: '' }).decidedBy).toBe('kernegruppe');
      expect(fields({ decidedBy: undefined }).decidedBy).toBe('kernegruppe');
      expect(fields({ decidedBy: 'byraad' }).decidedBy).toBe('byraad');
    });

    it('refuses anyone else', () => {
      expect(errorsOf({ ...INPUT, decidedBy: 'borgmester' })).toEqual([{ field: 'decidedBy', code: 'UNKNOWN_CHOICE' }]);
    });
  });

  describe('the budget frame, as people write it', () => {
    it('is optional', () => {
      expect(fields({ budgetKr: '' }).budgetKr).toBeUndefined();
      expect(fields({ budgetKr: '   ' }).budgetKr).toBeUndefined();
      expect(fields({ budgetKr: undefined }).budgetKr).toBeUndefined();
    });

    it.each([
      ['250000', 250_000],
      ['250.000', 250_000],
      ['250 000', 250_000],
      ['1.250.000', 1_250_000],
      ['1.234.567', 1_234_567],
      ['250.000,00', 250_000], // no øre is still whole kroner
      ['250.000,-', 250_000],
      ['250000.00', 250_000],
      ['kr. 250.000', 250_000],
      ['250.000 kr.', 250_000],
      ['DKK 250,000', 250_000],
      ['1', 1],
    ])('reads %s as %d kr.', (typedBudget, kroner) => {
      expect(fields({ budgetKr: typedBudget }).budgetKr).toBe(kroner);
    });

    it('takes a whole number sent as a number', () => {
      expect(fields({ budgetKr: 250_000 }).budgetKr).toBe(250_000);
    });

    it.each([
      ['1,000,000', 1_000_000],
      ['250,000', 250_000], // English thousands, as someone whose Teams runs in English writes it
    ])('reads %s as %i kr.', (typed, kr) => {
      expect(fields({ budgetKr: typed }).budgetKr).toBe(kr);
    });

    // Once a bug: "250.000,50" was saved as 250.001 kr. and "12,5" as 13 kr. without a word. A budget
    // frame is whole kroner, so øre are refused and the form says what was typed.
    it.each(['250.000,50', '12,5', '1.5', '1.234,50', '1,234.50', '250000,49', '7,50 kr.'])('refuses øre in %s', (typedBudget) => {
      expect(errorsOf({ ...INPUT, budgetKr: typedBudget })).toEqual([{ field: 'budgetKr', code: 'NOT_WHOLE' }]);
    });

    it.each(['0', '0,00', '-5', '-250.000', '\u22125', '- 1'])('refuses %j: a budget frame is more than 0 kr.', (typedBudget) => {
      expect(errorsOf({ ...INPUT, budgetKr: typedBudget })).toEqual([{ field: 'budgetKr', code: 'NOT_POSITIVE' }]);
    });

    it.each(['abc', 'Infinity', '1e3', '0x10', '1.000,000', '12.34.56', '-', 'kr.', '250.000,5O'])('refuses %s as not a number', (typedBudget) => {
      expect(errorsOf({ ...INPUT, budgetKr: typedBudget })).toEqual([{ field: 'budgetKr', code: 'NOT_A_NUMBER' }]);
    });

    it('applies the same rules to a number sent by a hand-made request', () => {
      // Once a bug: a number with a decimal part became text ("1234.5") and lost its dot as a Danish
      // thousands separator, ten times too much; now it is refused as øre.
      expect(errorsOf({ ...INPUT, budgetKr: 1234.5 })).toEqual([{ field: 'budgetKr', code: 'NOT_WHOLE' }]);
      expect(errorsOf({ ...INPUT, budgetKr: 0 })).toEqual([{ field: 'budgetKr', code: 'NOT_POSITIVE' }]);
      expect(errorsOf({ ...INPUT, budgetKr: -5 })).toEqual([{ field: 'budgetKr', code: 'NOT_POSITIVE' }]);
      expect(errorsOf({ ...INPUT, budgetKr: Number.NaN })).toEqual([{ field: 'budgetKr', code: 'NOT_A_NUMBER' }]);
    });

    // Once a bug: "250,000" written in English was read with a Danish decimal comma as 250 kr.
    it('does not silently read "250,000" as 250 kr.', () => {
      const r = validate({ ...INPUT, budgetKr: '250,000' });
      expect(r.ok ? r.value.budgetKr : 'refused').not.toBe(250);
    });
  });

  it('reports problems in several fields together', () => {
    expect(
      errorsOf({ ...INPUT, title: 'x'.repeat(121), forudsaetninger: 'teknik-1', deadlineDate: '2026-01-01', budgetKr: 'mange', decidedBy: 'alle' }),
    ).toEqual([
      { field: 'title', code: 'TOO_LONG', limit: 120 },
      { field: 'forudsaetninger', code: 'UNKNOWN_CHOICE' },
      { field: 'deadline', code: 'IN_PAST' },
      { field: 'budgetKr', code: 'NOT_A_NUMBER' },
      { field: 'decidedBy', code: 'UNKNOWN_CHOICE' },
    ]);
  });

  it('says TENDER.INVALID when anything is wrong', () => {
    expect(codeOf(validate({ ...INPUT, title: '' }))).toBe('TENDER.INVALID');
  });
});

describe('the lifecycle: draft → published → closed, or cancelled', () => {
  it('starts as a draft with no bids, stamped with who made it and when', () => {
    const t = draft();
    expect(t).toMatchObject({
      status: 'draft',
      groupId: 'kg-laering',
      kerneopgave: 'laering',
      deadline: '2026-12-07T11:00:00.000Z',
      budgetKr: 250_000,
      createdBy: 'p-johan',
      createdByName: 'Johan Kristensen',
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
      bidSeq: 0,
      activeBids: 0,
      announcements: [],
    });
    expect(t.publishedAt).toBeUndefined();
    expect(t.history).toEqual([{ at: NOW.toISOString(), by: 'p-johan', action: 'created', to: 'draft' }]);
  });

  it('opens the catalogue entries the form picked', () => {
    expect(opensForudsaetninger(draft()).map((c) => c.id)).toEqual(['laering-1', 'laering-2']);
  });

  describe('editing a draft', () => {
    it('changes the fields and records who edited it', () => {
      const at = ms(NOW, 5 * 60_000);
      const t = must(editDraft(draft(), fields({ title: 'Læsevenner 2.0', budgetKr: '' }), HANNE, at));
      expect(t).toMatchObject({ status: 'draft', title: 'Læsevenner 2.0', budgetKr: undefined, createdAt: NOW.toISOString(), updatedAt: at.toISOString() });
      expect(t.history.at(-1)).toEqual({ at: at.toISOString(), by: HANNE, action: 'edited', from: 'draft', to: 'draft' });
    });

    it('is refused once the tender is published', () => {
      expect(codeOf(editDraft(published(), fields({ title: 'For sent' }), JOHAN.id, NOW))).toBe('TENDER.NOT_DRAFT');
    });
  });

  describe('publishing', () => {
    it('publishes a draft and records it', () => {
      const at = ms(NOW, 60_000);
      const t = must(publish(draft(), HANNE, at));
      expect(t).toMatchObject({ status: 'published', publishedAt: at.toISOString(), updatedAt: at.toISOString() });
      expect(t.history.map((h) => h.action)).toEqual(['created', 'published']);
      expect(t.history.at(-1)).toEqual({ at: at.toISOString(), by: HANNE, action: 'published', from: 'draft', to: 'published' });
    });

    it('refuses to publish a tender that is not a draft: published, closed or cancelled', () => {
      const p = published();
      expect(codeOf(publish(p, JOHAN.id, NOW))).toBe('TENDER.NOT_DRAFT');
      expect(codeOf(publish(must(close(p, DEADLINE)), JOHAN.id, NOW))).toBe('TENDER.NOT_DRAFT');
      expect(codeOf(publish(must(cancel(draft(), 'Ikke længere aktuelt', JOHAN.id, NOW)), JOHAN.id, NOW))).toBe('TENDER.NOT_DRAFT');
    });

    it('refuses a draft whose deadline has come while it waited, a millisecond before it is fine', () => {
      expect(codeOf(publish(draft(), JOHAN.id, DEADLINE))).toBe('TENDER.DEADLINE_PASSED');
      expect(codeOf(publish(draft(), JOHAN.id, ms(DEADLINE, 1)))).toBe('TENDER.DEADLINE_PASSED');
      expect(codeOf(publish(draft(), JOHAN.id, ms(DEADLINE, -1)))).toBe('ok');
    });
  });

  describe('closing at the deadline', () => {
    it('closes a published tender at its deadline, as the system', () => {
      const t = must(close(published(), DEADLINE));
      expect(t).toMatchObject({ status: 'closed', closedAt: DEADLINE.toISOString() });
      expect(t.history.at(-1)).toEqual({ at: DEADLINE.toISOString(), by: 'system', action: 'closed', from: 'published', to: 'closed' });
    });

    it('does not close before the deadline', () => {
      expect(codeOf(close(published(), ms(DEADLINE, -1)))).toBe('TENDER.NOT_DUE');
    });

    it('closes only published tenders', () => {
      expect(codeOf(close(draft(), DEADLINE))).toBe('TENDER.NOT_PUBLISHED');
      expect(codeOf(close(must(close(published(), DEADLINE)), ms(DEADLINE, 1000)))).toBe('TENDER.NOT_PUBLISHED');
      expect(codeOf(close(must(cancel(published(), 'Droppet', JOHAN.id, NOW)), DEADLINE))).toBe('TENDER.NOT_PUBLISHED');
    });
  });

  describe('cancelling', () => {
    it.each([
      ['a draft', () => draft()],
      ['a published tender', () => published()],
      ['a closed tender', () => must(close(published(), DEADLINE))],
    ])('cancels %s with a reason, recorded in its history', (_what, make) => {
      const t = make();
      const at = ms(DEADLINE, 3_600_000);
      const c = must(cancel(t, '  Budgettet er omprioriteret.  ', HANNE, at));
      expect(c).toMatchObject({ status: 'cancelled', cancelledAt: at.toISOString(), updatedAt: at.toISOString(), cancelReason: 'Budgettet er omprioriteret.' });
      expect(c.history.at(-1)).toEqual({
        at: at.toISOString(),
        by: HANNE,
        action: 'cancelled',
        from: t.status,
        to: 'cancelled',
        note: 'Budgettet er omprioriteret.',
      });
    });

    it('refuses to cancel a tender that is already cancelled, and keeps the first reason', () => {
      const once = must(cancel(published(), 'Første begrundelse', JOHAN.id, NOW));
      const twice = cancel(once, 'Anden begrundelse', JOHAN.id, ms(NOW, 1000));
      expect(codeOf(twice)).toBe('TENDER.NOT_CANCELLABLE');
      expect(once.cancelReason).toBe('Første begrundelse');
    });

    it('asks for a reason; spaces are not one', () => {
      expect(codeOf(cancel(published(), '', JOHAN.id, NOW))).toBe('TENDER.REASON_MISSING');
      expect(codeOf(cancel(published(), '  \n ', JOHAN.id, NOW))).toBe('TENDER.REASON_MISSING');
    });

    it(`takes a reason of ${TENDER_LIMITS.cancelReason} characters and refuses one more`, () => {
      expect(codeOf(cancel(published(), 'r'.repeat(TENDER_LIMITS.cancelReason), JOHAN.id, NOW))).toBe('ok');
      expect(codeOf(cancel(published(), 'r'.repeat(TENDER_LIMITS.cancelReason + 1), JOHAN.id, NOW))).toBe('TENDER.REASON_TOO_LONG');
      // Spaces around the reason are not counted.
      expect(codeOf(cancel(published(), ` ${'r'.repeat(TENDER_LIMITS.cancelReason)} `, JOHAN.id, NOW))).toBe('ok');
    });
  });

  it('keeps the whole story in the history, oldest first', () => {
    const t0 = draft();
    const t1 = must(editDraft(t0, fields({ title: 'Ny titel' }), HANNE, ms(NOW, 1000)));
    const t2 = must(publish(t1, JOHAN.id, ms(NOW, 2000)));
    const t3 = must(close(t2, DEADLINE));
    const t4 = must(cancel(t3, 'Ingen brugbare bud', JOHAN.id, ms(DEADLINE, 1000)));
    expect(t4.history.map((h) => [h.action, h.by, h.from ?? '', h.to])).toEqual([
      ['created', 'p-johan', '', 'draft'],
      ['edited', 'p-hanne', 'draft', 'draft'],
      ['published', 'p-johan', 'draft', 'published'],
      ['closed', 'system', 'published', 'closed'],
      ['cancelled', 'p-johan', 'closed', 'cancelled'],
    ]);
    // Earlier versions are left as they were.
    expect(t0.history).toHaveLength(1);
    expect(t2.status).toBe('published');
  });
});

describe('biddingOpen: may a bid be made now, by the server clock', () => {
  it('is open while published, up to one millisecond before the deadline', () => {
    expect(codeOf(biddingOpen(published(), ms(DEADLINE, -1)))).toBe('ok');
  });

  it('is closed at the deadline itself, even before the sweep has closed the tender', () => {
    const t = published();
    expect(t.status).toBe('published');
    expect(codeOf(biddingOpen(t, DEADLINE))).toBe('TENDER.DEADLINE_PASSED');
    expect(codeOf(biddingOpen(t, ms(DEADLINE, 60_000)))).toBe('TENDER.DEADLINE_PASSED');
  });

  it('is not open for a draft', () => {
    expect(codeOf(biddingOpen(draft(), NOW))).toBe('TENDER.NOT_OPEN');
  });

  it('says the deadline passed for a closed tender and that a cancelled one is cancelled', () => {
    expect(codeOf(biddingOpen(must(close(published(), DEADLINE)), ms(DEADLINE, -1)))).toBe('TENDER.DEADLINE_PASSED');
    expect(codeOf(biddingOpen(must(cancel(published(), 'Droppet', JOHAN.id, NOW)), NOW))).toBe('TENDER.CANCELLED');
  });
});

describe('registerSubmission: bid numbers', () => {
  const at = new Date('2026-12-01T09:31:00Z');

  it('numbers bids 1, 2, 3 and counts them', () => {
    let t = published();
    const numbers: number[] = [];
    for (const sub of ['sub-a', 'sub-b', 'sub-c']) {
      const r = must(registerSubmission(t, sub, at));
      expect(r.duplicate).toBe(false);
      numbers.push(r.number);
      t = r.tender;
    }
    expect(numbers).toEqual([1, 2, 3]);
    expect(t).toMatchObject({ bidSeq: 3, activeBids: 3, submissions: { 'sub-a': 1, 'sub-b': 2, 'sub-c': 3 } });
  });

  it('gives the same form sent twice the same number, and counts it once', () => {
    const first = must(registerSubmission(published(), 'sub-a', at));
    const again = must(registerSubmission(first.tender, 'sub-a', ms(at, 250)));
    expect(again).toEqual({ tender: first.tender, number: 1, duplicate: true });
    expect(again.tender.activeBids).toBe(1);
  });

  it('still finds a bid made in time when its form is resent after the deadline', () => {
    const first = must(registerSubmission(published(), 'sub-a', ms(DEADLINE, -1)));
    expect(must(registerSubmission(first.tender, 'sub-a', ms(DEADLINE, 500)))).toMatchObject({ number: 1, duplicate: true });
  });

  it('refuses a new submission at the deadline, a millisecond before is in time', () => {
    const t = published();
    expect(codeOf(registerSubmission(t, 'sub-late', DEADLINE))).toBe('TENDER.DEADLINE_PASSED');
    expect(must(registerSubmission(t, 'sub-late', ms(DEADLINE, -1))).number).toBe(1);
  });

  it('refuses bids on a draft or a cancelled tender', () => {
    expect(codeOf(registerSubmission(draft(), 'sub-a', at))).toBe('TENDER.NOT_OPEN');
    expect(codeOf(registerSubmission(must(cancel(published(), 'Droppet', JOHAN.id, NOW)), 'sub-a', at))).toBe('TENDER.CANCELLED');
  });

  it('never reuses a number after a withdrawal, while the count goes down', () => {
    const one = must(registerSubmission(published(), 'sub-a', at)).tender;
    const two = must(registerSubmission(one, 'sub-b', at)).tender;
    const afterWithdrawal = countWithdrawal(two);
    expect(afterWithdrawal.activeBids).toBe(1);
    const three = must(registerSubmission(afterWithdrawal, 'sub-c', at));
    expect(three.number).toBe(3);
    expect(three.tender.activeBids).toBe(2);
  });

  it('does not count below zero', () => {
    expect(countWithdrawal(countWithdrawal(published())).activeBids).toBe(0);
  });
});

describe('the announcement cards: bid count refreshed at most once a minute', () => {
  const posted = new Date('2026-11-23T09:05:00Z');
  const announced = () => recordAnnouncements(published(), [{ conversationId: '19:general@thread.tacv2', activityId: '1700000000000' }], posted);
  const withBids = (t: Tender, n: number) => {
    let out = t;
    for (let i = 0; i < n; i++) out = must(registerSubmission(out, `sub-${i}`, ms(posted, 1000))).tender;
    return out;
  };

  it('records where the cards went and the count they show', () => {
    const t = announced();
    expect(t.announcements).toEqual([{ conversationId: '19:general@thread.tacv2', activityId: '1700000000000' }]);
    expect(t).toMatchObject({ shownCount: 0, shownAt: posted.toISOString() });
  });

  it('needs no update while the count is what the cards show', () => {
    expect(announcementStale(announced(), ms(posted, 10 * 60_000))).toBe(false);
  });

  it('waits until a minute after the last update before showing a new count', () => {
    const t = withBids(announced(), 2);
    expect(announcementStale(t, ms(posted, 59_999))).toBe(false);
    expect(announcementStale(t, ms(posted, 60_000))).toBe(true);
  });

  it('is up to date once marked shown, until the count changes again and another minute passes', () => {
    const t = withBids(announced(), 1);
    const shownAt = ms(posted, 60_000);
    const shown = markShown(t, shownAt);
    expect(shown).toMatchObject({ shownCount: 1, shownAt: shownAt.toISOString() });
    expect(announcementStale(shown, ms(shownAt, 120_000))).toBe(false);
    const more = must(registerSubmission(shown, 'sub-next', ms(shownAt, 1000))).tender;
    expect(announcementStale(more, ms(shownAt, 59_999))).toBe(false);
    expect(announcementStale(more, ms(shownAt, 60_000))).toBe(true);
  });

  it('notices a withdrawal too', () => {
    const shown = markShown(withBids(announced(), 2), ms(posted, 60_000));
    expect(announcementStale(countWithdrawal(shown), ms(posted, 120_000))).toBe(true);
  });

  it('has nothing to update where no card was posted', () => {
    expect(announcementStale(withBids(published(), 3), ms(posted, 3_600_000))).toBe(false);
  });

  it('leaves a closed or cancelled tender to its own closing update', () => {
    const t = withBids(announced(), 2);
    expect(announcementStale(must(close(t, DEADLINE)), ms(DEADLINE, 60_000))).toBe(false);
    expect(announcementStale(must(cancel(t, 'Droppet', JOHAN.id, ms(posted, 2000))), ms(posted, 120_000))).toBe(false);
  });
});

describe('the tally: bid numbers and counts beside the tender', () => {
  const tally = (over: Partial<Tally> = {}): Tally => ({ tenantId: 't', tenderId: 'x', bidSeq: 0, activeBids: 0, batch: {}, unshown: false, ...over });

  it('numbers new bids in order, keeps only the batch being numbered, and marks the count unshown', () => {
    const once = numberBatch(tally({ bidSeq: 2, activeBids: 2, batch: { old: 2 } }), [
      { key: 'a', withdrawn: false },
      { key: 'b', withdrawn: true },
    ]);
    expect(once).toMatchObject({ bidSeq: 4, activeBids: 3, batch: { a: 3, b: 4 }, unshown: true });
  });

  it('gives a bid left unnumbered by a crash the number its batch already gave it, and writes nothing when there is nothing new', () => {
    const written = numberBatch(tally(), [{ key: 'a', withdrawn: false }]);
    expect(numberBatch(written, [{ key: 'a', withdrawn: false }])).toBe(written);
    expect(numberBatch(written, [{ key: 'a', withdrawn: false }, { key: 'c', withdrawn: false }])).toMatchObject({ bidSeq: 2, activeBids: 2, batch: { a: 1, c: 2 } });
  });

  it("starts from an older tender's own counter and submissions", () => {
    const old = { ...published(), bidSeq: 5, activeBids: 4, shownCount: 4, submissions: { s5: 5 } };
    expect(firstTally(old)).toMatchObject({ bidSeq: 5, activeBids: 4, batch: { s5: 5 }, unshown: false });
    expect(numberBatch(firstTally(old), [{ key: 's5', withdrawn: false }, { key: 's6', withdrawn: false }])).toMatchObject({ bidSeq: 6, activeBids: 5, batch: { s5: 5, s6: 6 } });
  });

  it('counts a withdrawal down, never below zero, and marks it unshown', () => {
    expect(withdrawFromTally(tally({ activeBids: 1 }))).toMatchObject({ activeBids: 0, unshown: true });
    expect(withdrawFromTally(tally()).activeBids).toBe(0);
  });

  it('is due for the sweep at the deadline while published, at once when a close or cancellation is still to be told, and never otherwise', () => {
    expect(attentionAt(draft())).toBeUndefined();
    expect(attentionAt(published())).toBe(DEADLINE.toISOString());
    const closed = must(close(published(), ms(DEADLINE, 5000)));
    expect(attentionAt(closed)).toBe(ms(DEADLINE, 5000).toISOString());
    expect(attentionAt(markClosingReported(closed, ms(DEADLINE, 6000)))).toBeUndefined();
    const cancelled = must(cancel(published(), 'Droppet', JOHAN.id, ms(NOW, 120_000)));
    expect(attentionAt(cancelled)).toBe(ms(NOW, 120_000).toISOString());
    expect(attentionAt({ ...cancelled, cancelNoticesQueuedAt: ms(NOW, 121_000).toISOString() })).toBeUndefined();
  });

  it('shows the live counts on the cards and in the close report', () => {
    const shown = markShown(published(), NOW, { bidSeq: 3, activeBids: 2 });
    expect(shown).toMatchObject({ bidSeq: 3, activeBids: 2, shownCount: 2 });
    expect(announcementStale({ ...shown, announcements: [{ conversationId: 'c', activityId: 'a' }] }, ms(NOW, 60_000), { bidSeq: 4, activeBids: 3 })).toBe(true);
    expect(markClosingReported(must(close(published(), DEADLINE)), DEADLINE, { bidSeq: 7, activeBids: 6 })).toMatchObject({ activeBids: 6, bidSeq: 7 });
  });
});
