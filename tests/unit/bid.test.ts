// Bids as an employee meets them: what the bid form accepts (every limit at and one over, the
// forudsætninger it may name, the parties' roles, taking part), the cross-cutting mark when a bid
// serves another kerneopgave too, and editing and withdrawing: only by the bidder, never after
// withdrawal or the deadline, each change in the bid's own history.

import { describe, expect, it } from 'vitest';
import {
  BID_LIMITS,
  editBid,
  isCrossCutting,
  newBid,
  PARTY_ROLES,
  validateBidInput,
  withdrawBid,
  type Bid,
  type BidFields,
  type BidInput,
  type Bidder,
} from '../../src/domain/bid.js';
import { cancel, close, createDraft, publish, registerSubmission, type FieldError, type Tender } from '../../src/domain/tender.js';
import { CATALOG, DEADLINE, ms, NOW } from '../support/domain-fixtures.js';

const SUBMITTED = new Date('2026-12-01T09:31:00Z');

type AnyResult<T> = { ok: true; value: T } | { ok: false; code: string; details?: unknown };

function must<T>(result: AnyResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.code} ${JSON.stringify(result.details ?? '')}`);
  return result.value;
}
const codeOf = (result: AnyResult<unknown>): string => (result.ok ? 'ok' : result.code);

/** Kernegruppe Læring's published tender, opening laering-1 and laering-2 (not laering-3). */
const TENDER: Tender = must(
  publish(
    createDraft(
      {
        id: 'tender-1',
        tenantId: 'tenant-1',
        group: { id: 'kg-laering', name: 'Kernegruppe Læring' },
        kerneopgave: { id: 'laering', name: 'Læring' },
        catalog: CATALOG,
        fields: { title: 'Læsevenner', description: 'Idéer til læsevenner', forudsaetninger: ['laering-1', 'laering-2'], deadline: DEADLINE, decidedBy: 'kernegruppe' },
        by: { id: 'p-johan', name: 'Johan Kristensen' },
      },
      NOW,
    ),
    'p-johan',
    NOW,
  ),
);

const INPUT = {
  title: 'Læsecafé på biblioteket',
  description: 'Ugentlig læsecafé med frivillige og bibliotekarer, hvor børn og forældre læser sammen.',
  howItHelps: 'Børnene læser mere, og forældrene tager del i læringen.',
  forudsaetninger: 'laering-1,laering-2',
  roles: { kommunen: 'Stiller lokaler til rådighed', familien: 'Forældre læser med hjemme' },
  coBidders: 'Biblioteket, Frivilligcenteret',
  participate: 'true',
} satisfies BidInput;

const SOFIE: Bidder = { id: 'p-sofie', name: 'Sofie Nielsen', teamsId: '29:sofie', serviceUrl: 'https://smba.trafficmanager.net/emea/' };

function errorsOf(input: BidInput, tender: Tender = TENDER): FieldError[] {
  const r = validateBidInput(input, tender);
  return r.ok ? [] : (r.details ?? []);
}
const fields = (input: Partial<BidInput> = {}): BidFields => must(validateBidInput({ ...INPUT, ...input }, TENDER));

/** A bid submitted the way the use case does it: a number from the tender, then the bid. */
function submitted(input: Partial<BidInput> = {}, bidder: Bidder = SOFIE, tender: Tender = TENDER): { tender: Tender; bid: Bid } {
  const registered = must(registerSubmission(tender, 'sub-1', SUBMITTED));
  const bid = newBid(
    { id: 'bid-1', tender: registered.tender, number: registered.number, submissionId: 'sub-1', bidder, fields: must(validateBidInput({ ...INPUT, ...input }, tender)) },
    SUBMITTED,
  );
  return { tender: registered.tender, bid };
}

describe('validateBidInput: the bid form', () => {
  it('accepts a complete bid and reads it the way the bidder meant it', () => {
    expect(validateBidInput(INPUT, TENDER)).toEqual({
      ok: true,
      value: {
        title: 'Læsecafé på biblioteket',
        description: INPUT.description,
        howItHelps: INPUT.howItHelps,
        forudsaetninger: ['laering-1', 'laering-2'],
        partyRoles: { kommunen: 'Stiller lokaler til rådighed', familien: 'Forældre læser med hjemme' },
        coBidders: 'Biblioteket, Frivilligcenteret',
        wantsToParticipate: true,
      },
    });
  });

  it('needs only a title, a description, how it helps and one forudsætning', () => {
    const r = must(validateBidInput({ title: 'T', description: 'D', howItHelps: 'H', forudsaetninger: 'laering-2' }, TENDER));
    expect(r).toEqual({ title: 'T', description: 'D', howItHelps: 'H', forudsaetninger: ['laering-2'], partyRoles: {}, coBidders: '', wantsToParticipate: false });
  });

  it('reports every missing required field at once', () => {
    expect(errorsOf({})).toEqual([
      { field: 'title', code: 'REQUIRED' },
      { field: 'description', code: 'REQUIRED' },
      { field: 'howItHelps', code: 'REQUIRED' },
      { field: 'forudsaetninger', code: 'REQUIRED' },
    ]);
  });

  it('treats text of only spaces as missing, and trims what was typed', () => {
    expect(errorsOf({ ...INPUT, title: '   ', howItHelps: '\r\n' })).toEqual([
      { field: 'title', code: 'REQUIRED' },
      { field: 'howItHelps', code: 'REQUIRED' },
    ]);
    expect(fields({ title: '  Læsecafé  ', coBidders: '  Biblioteket ' })).toMatchObject({ title: 'Læsecafé', coBidders: 'Biblioteket' });
  });

  it('says BID.INVALID when anything is wrong', () => {
    expect(codeOf(validateBidInput({ ...INPUT, title: '' }, TENDER))).toBe('BID.INVALID');
  });

  describe('limits, at exactly the limit and one over', () => {
    it.each([
      ['title', BID_LIMITS.title],
      ['description', BID_LIMITS.description],
      ['howItHelps', BID_LIMITS.howItHelps],
      ['coBidders', BID_LIMITS.coBidders],
    ] as const)('%s: %d characters', (field, limit) => {
      expect(errorsOf({ ...INPUT, [field]: 'a'.repeat(limit) })).toEqual([]);
      expect(errorsOf({ ...INPUT, [field]: 'a'.repeat(limit + 1) })).toEqual([{ field, code: 'TOO_LONG', limit }]);
    });

    it.each(PARTY_ROLES)(`the role of %s: ${BID_LIMITS.partyRole} characters`, (role) => {
      expect(errorsOf({ ...INPUT, roles: { [role]: 'r'.repeat(BID_LIMITS.partyRole) } })).toEqual([]);
      expect(errorsOf({ ...INPUT, roles: { [role]: 'r'.repeat(BID_LIMITS.partyRole + 1) } })).toEqual([
        { field: `role.${role}`, code: 'TOO_LONG', limit: 1000 },
      ]);
    });

    it('counts a Windows line break as one character', () => {
      const text = `${'a'.repeat(74)}\r\n${'a'.repeat(75)}`; // 150 once \r\n is \n
      expect(errorsOf({ ...INPUT, title: text })).toEqual([]);
    });
  });

  describe('forudsætninger', () => {
    it('takes "a,b" and an array alike, without duplicates', () => {
      expect(fields({ forudsaetninger: 'laering-2, laering-2 ,laering-1' }).forudsaetninger).toEqual(['laering-2', 'laering-1']);
      expect(fields({ forudsaetninger: ['laering-1', 'laering-1'] }).forudsaetninger).toEqual(['laering-1']);
    });

    it('asks for at least one', () => {
      expect(errorsOf({ ...INPUT, forudsaetninger: '' })).toEqual([{ field: 'forudsaetninger', code: 'REQUIRED' }]);
      expect(errorsOf({ ...INPUT, forudsaetninger: [] })).toEqual([{ field: 'forudsaetninger', code: 'REQUIRED' }]);
    });

    it('refuses one that is not in the catalogue, even next to the ones the tender opens', () => {
      expect(errorsOf({ ...INPUT, forudsaetninger: 'laering-1,laering-99' })).toEqual([{ field: 'forudsaetninger', code: 'UNKNOWN_CHOICE' }]);
      expect(errorsOf({ ...INPUT, forudsaetninger: 'made-up' })).toEqual([{ field: 'forudsaetninger', code: 'UNKNOWN_CHOICE' }]);
    });

    it('refuses a bid that serves none of the forudsætninger the tender opens', () => {
      // laering-3 is the kerneopgave's own but not opened here; teknik-1 belongs to another kerneopgave.
      expect(errorsOf({ ...INPUT, forudsaetninger: 'laering-3' })).toEqual([{ field: 'forudsaetninger', code: 'INVALID' }]);
      expect(errorsOf({ ...INPUT, forudsaetninger: 'teknik-1,social-1' })).toEqual([{ field: 'forudsaetninger', code: 'INVALID' }]);
    });

    it('accepts other forudsætninger of the catalogue next to one the tender opens', () => {
      expect(fields({ forudsaetninger: 'laering-1,laering-3,teknik-1' }).forudsaetninger).toEqual(['laering-1', 'laering-3', 'teknik-1']);
    });
  });

  describe("the parties' roles", () => {
    it('keeps each role that was written, under its own party', () => {
      const roles = { kommunen: 'K', borgeren: 'B', familien: 'F', lokalsamfundet: 'L', arbejdsgiveren: 'A' };
      expect(fields({ roles }).partyRoles).toEqual(roles);
    });

    it('leaves out roles left empty, and parties the form does not know', () => {
      const roles = { kommunen: '  ', borgeren: 'Deltager', naboen: 'Hjælper' } as BidInput['roles'];
      expect(fields({ roles }).partyRoles).toEqual({ borgeren: 'Deltager' });
    });

    it('reports each role that is too long at its own field', () => {
      expect(errorsOf({ ...INPUT, roles: { borgeren: 'x'.repeat(1001), arbejdsgiveren: 'y'.repeat(1001) } })).toEqual([
        { field: 'role.borgeren', code: 'TOO_LONG', limit: 1000 },
        { field: 'role.arbejdsgiveren', code: 'TOO_LONG', limit: 1000 },
      ]);
    });
  });

  describe('taking part in carrying it out', () => {
    it.each([
      ['true', true],
      [true, true],
      ['false', false],
      [false, false],
      ['', false],
      [undefined, false],
    ])('reads %j as %s', (participate, wants) => {
      expect(fields({ participate }).wantsToParticipate).toBe(wants);
    });

    it.each(['yes', 'ja', 1])('refuses %j', (participate) => {
      expect(errorsOf({ ...INPUT, participate })).toEqual([{ field: 'participate', code: 'INVALID' }]);
    });
  });
});

describe('newBid: the bid as it is stored', () => {
  it('carries its number, the bidder, the fields and a submitted entry in its history', () => {
    const { bid } = submitted();
    expect(bid).toMatchObject({
      id: 'bid-1',
      tenantId: 'tenant-1',
      tenderId: 'tender-1',
      number: 1,
      submissionId: 'sub-1',
      bidderId: 'p-sofie',
      bidderName: 'Sofie Nielsen',
      bidderTeamsId: '29:sofie',
      title: 'Læsecafé på biblioteket',
      forudsaetninger: ['laering-1', 'laering-2'],
      wantsToParticipate: true,
      status: 'submitted',
      submittedAt: SUBMITTED.toISOString(),
      crossCutting: false,
    });
    expect(bid.editedAt).toBeUndefined();
    expect(bid.history).toEqual([{ at: SUBMITTED.toISOString(), by: 'p-sofie', action: 'submitted', to: 'submitted' }]);
  });

  it('is not cross-cutting when it serves only the tender kerneopgave, even a forudsætning the tender did not open', () => {
    expect(submitted({ forudsaetninger: 'laering-1,laering-3' }).bid.crossCutting).toBe(false);
  });

  it('is cross-cutting when it also serves a forudsætning of another kerneopgave', () => {
    expect(submitted({ forudsaetninger: 'laering-1,teknik-1' }).bid.crossCutting).toBe(true);
    expect(submitted({ forudsaetninger: 'laering-2,teknik-1,social-1' }).bid.crossCutting).toBe(true);
  });

  it('marks the same way through isCrossCutting', () => {
    expect(isCrossCutting(TENDER, ['laering-1', 'laering-2', 'laering-3'])).toBe(false);
    expect(isCrossCutting(TENDER, ['laering-1', 'social-1'])).toBe(true);
  });
});

describe('editBid: the bidder changes their bid before the deadline', () => {
  const editAt = new Date('2026-12-02T13:05:00Z');

  it('changes the fields, stamps the edit and keeps the number and submission time', () => {
    const { tender, bid } = submitted();
    const edited = must(editBid(bid, tender, fields({ title: 'Læsecafé hver onsdag', participate: 'false' }), 'p-sofie', editAt));
    expect(edited).toMatchObject({
      title: 'Læsecafé hver onsdag',
      wantsToParticipate: false,
      number: 1,
      submittedAt: SUBMITTED.toISOString(),
      editedAt: editAt.toISOString(),
      status: 'submitted',
    });
    expect(edited.history).toEqual([
      { at: SUBMITTED.toISOString(), by: 'p-sofie', action: 'submitted', to: 'submitted' },
      { at: editAt.toISOString(), by: 'p-sofie', action: 'edited', from: 'submitted', to: 'submitted' },
    ]);
  });

  it('marks the bid cross-cutting when an edit adds another kerneopgave, and unmarks it when it is taken away', () => {
    const { tender, bid } = submitted();
    const crossing = must(editBid(bid, tender, fields({ forudsaetninger: 'laering-1,teknik-1' }), 'p-sofie', editAt));
    expect(crossing.crossCutting).toBe(true);
    const back = must(editBid(crossing, tender, fields({ forudsaetninger: 'laering-1' }), 'p-sofie', ms(editAt, 60_000)));
    expect(back.crossCutting).toBe(false);
    expect(back.history.map((h) => h.action)).toEqual(['submitted', 'edited', 'edited']);
  });

  it("refuses anyone but the bidder, even the tender's tovholder, and leaves the bid as it was", () => {
    const { tender, bid } = submitted();
    expect(codeOf(editBid(bid, tender, fields({ title: 'Overtaget' }), 'p-johan', editAt))).toBe('BID.NOT_YOURS');
    expect(bid.title).toBe('Læsecafé på biblioteket');
    expect(bid.history).toHaveLength(1);
  });

  it('is allowed a millisecond before the deadline and refused at it', () => {
    const { tender, bid } = submitted();
    expect(codeOf(editBid(bid, tender, fields({ title: 'I sidste øjeblik' }), 'p-sofie', ms(DEADLINE, -1)))).toBe('ok');
    expect(codeOf(editBid(bid, tender, fields({ title: 'For sent' }), 'p-sofie', DEADLINE))).toBe('TENDER.DEADLINE_PASSED');
  });

  it('is refused once the tender is closed or cancelled', () => {
    const { tender, bid } = submitted();
    expect(codeOf(editBid(bid, must(close(tender, DEADLINE)), fields(), 'p-sofie', ms(DEADLINE, -1)))).toBe('TENDER.DEADLINE_PASSED');
    expect(codeOf(editBid(bid, must(cancel(tender, 'Droppet', 'p-johan', editAt)), fields(), 'p-sofie', editAt))).toBe('TENDER.CANCELLED');
  });

  it('is refused after the bid was withdrawn', () => {
    const { tender, bid } = submitted();
    const withdrawn = must(withdrawBid(bid, tender, 'p-sofie', editAt));
    expect(codeOf(editBid(withdrawn, tender, fields({ title: 'Alligevel' }), 'p-sofie', ms(editAt, 1000)))).toBe('BID.WITHDRAWN');
  });
});

describe('withdrawBid: the bidder takes their bid back before the deadline', () => {
  const withdrawAt = new Date('2026-12-03T08:15:00Z');

  it('withdraws it and records who and when', () => {
    const { tender, bid } = submitted();
    const w = must(withdrawBid(bid, tender, 'p-sofie', withdrawAt));
    expect(w).toMatchObject({ status: 'withdrawn', withdrawnAt: withdrawAt.toISOString(), number: 1, title: bid.title });
    expect(w.history.at(-1)).toEqual({ at: withdrawAt.toISOString(), by: 'p-sofie', action: 'withdrawn', from: 'submitted', to: 'withdrawn' });
  });

  it('keeps the whole story: submitted, edited, withdrawn', () => {
    const { tender, bid } = submitted();
    const edited = must(editBid(bid, tender, fields({ title: 'Ny titel' }), 'p-sofie', ms(withdrawAt, -60_000)));
    const w = must(withdrawBid(edited, tender, 'p-sofie', withdrawAt));
    expect(w.history.map((h) => [h.action, h.from ?? '', h.to])).toEqual([
      ['submitted', '', 'submitted'],
      ['edited', 'submitted', 'submitted'],
      ['withdrawn', 'submitted', 'withdrawn'],
    ]);
  });

  it('refuses anyone but the bidder', () => {
    const { tender, bid } = submitted();
    expect(codeOf(withdrawBid(bid, tender, 'p-johan', withdrawAt))).toBe('BID.NOT_YOURS');
  });

  it('refuses to withdraw a bid twice', () => {
    const { tender, bid } = submitted();
    const once = must(withdrawBid(bid, tender, 'p-sofie', withdrawAt));
    expect(codeOf(withdrawBid(once, tender, 'p-sofie', ms(withdrawAt, 1000)))).toBe('BID.WITHDRAWN');
  });

  it('is allowed a millisecond before the deadline and refused at it', () => {
    const { tender, bid } = submitted();
    expect(codeOf(withdrawBid(bid, tender, 'p-sofie', ms(DEADLINE, -1)))).toBe('ok');
    expect(codeOf(withdrawBid(bid, tender, 'p-sofie', DEADLINE))).toBe('TENDER.DEADLINE_PASSED');
  });

  it('is refused once the tender is closed or cancelled', () => {
    const { tender, bid } = submitted();
    expect(codeOf(withdrawBid(bid, must(close(tender, DEADLINE)), 'p-sofie', ms(DEADLINE, 1)))).toBe('TENDER.DEADLINE_PASSED');
    expect(codeOf(withdrawBid(bid, must(cancel(tender, 'Droppet', 'p-johan', withdrawAt)), 'p-sofie', withdrawAt))).toBe('TENDER.CANCELLED');
  });

  it('tells a stranger it is not theirs before it tells them the deadline passed', () => {
    // Sealed bids: a stranger learns nothing about the bid's state.
    const { tender, bid } = submitted();
    expect(codeOf(withdrawBid(bid, tender, 'p-johan', DEADLINE))).toBe('BID.NOT_YOURS');
  });
});
