// The decision rules as pure functions: when a tender may be decided (after its deadline by the
// server's clock, never when cancelled), which status changes a bid may take (a rejection needs a
// reason; the same status again is no change), what the award form accepts, and the cost seam.

import { describe, expect, it } from 'vitest';
import { costOfBid, decidable, decideBid, screenBid, statusChangeSeq, validateAward } from '../../src/domain/decision.js';
import { closedTender, DEADLINE, publishedTender, submitBidOn } from '../support/tender-fixtures.js';

const { tender, bid } = submitBidOn(publishedTender());
const later = new Date(DEADLINE.getTime() + 60_000);
const people = [
  { id: 'p-sofie', name: 'Sofie Nielsen' },
  { id: 'p-hanne', name: 'Hanne Graversen' },
];
const TERMS = { responsible: 'p-hanne', expectedEffect: 'Flere læser.', startDate: '2027-01-01', evaluationDate: '2027-12-01' };

describe('when the group may decide', () => {
  it('only after the deadline, and never on a cancelled tender', () => {
    expect(decidable(tender, new Date(DEADLINE.getTime() - 1)).ok).toBe(false);
    expect(decidable(tender, DEADLINE).ok).toBe(true);
    expect(decidable(closedTender(tender), later).ok).toBe(true);
    expect(decidable({ ...tender, status: 'cancelled' }, later)).toMatchObject({ code: 'DECISION.TENDER_CANCELLED' });
    expect(decidable({ ...tender, status: 'draft' }, later)).toMatchObject({ code: 'DECISION.TENDER_OPEN' });
  });
});

describe('screening a bid', () => {
  it('shortlists and rejects with the reason in the status and the history; the same status twice is no change', () => {
    const s = screenBid(bid, 'shortlisted', '', 'p-hanne', later);
    if (!s.ok) throw new Error(s.code);
    expect(s.value.bid).toMatchObject({ status: 'shortlisted', statusBy: 'p-hanne', statusAt: later.toISOString() });
    expect(screenBid(s.value.bid, 'shortlisted', '', 'p-johan', later)).toMatchObject({ ok: true, value: { unchanged: true } });
    const r = screenBid(s.value.bid, 'rejected', '  Uden for udbuddet.  ', 'p-hanne', later);
    if (!r.ok) throw new Error(r.code);
    expect(r.value.bid.statusReason).toBe('Uden for udbuddet.');
    expect(r.value.bid.history.at(-1)).toEqual({ at: later.toISOString(), by: 'p-hanne', action: 'decision.rejected', from: 'shortlisted', to: 'rejected', note: 'Uden for udbuddet.' });
    expect(statusChangeSeq(r.value.bid)).toBe(3);
  });

  it('refuses a rejection without a reason or with one over 1,000 characters, a withdrawn bid and a decided one', () => {
    expect(screenBid(bid, 'rejected', '  ', 'p', later)).toMatchObject({ code: 'DECISION.REASON_REQUIRED' });
    expect(screenBid(bid, 'rejected', 'x'.repeat(1000), 'p', later).ok).toBe(true);
    expect(screenBid(bid, 'rejected', 'x'.repeat(1001), 'p', later)).toMatchObject({ code: 'DECISION.REASON_TOO_LONG' });
    expect(screenBid({ ...bid, status: 'withdrawn' }, 'shortlisted', '', 'p', later)).toMatchObject({ code: 'DECISION.WITHDRAWN' });
    expect(screenBid(decideBid(bid, 'awarded', '', 'p', later).bid, 'rejected', 'Nej.', 'p', later)).toMatchObject({ code: 'DECISION.ALREADY_DECIDED' });
  });

  it('an award settled twice changes the bid once', () => {
    const once = decideBid(bid, 'awarded', 'Flere læser.', 'p-johan', later);
    expect(decideBid(once.bid, 'awarded', 'Flere læser.', 'p-johan', later)).toMatchObject({ unchanged: true });
  });
});

describe('the award form', () => {
  it('takes the start date’s year as the period unless another is given', () => {
    expect(validateAward({ ...TERMS, period: '' }, people)).toMatchObject({ ok: true, value: { period: '2027', terms: { responsible: people[1] } } });
    expect(validateAward({ ...TERMS, period: '2028' }, people)).toMatchObject({ ok: true, value: { period: '2028' } });
  });

  it('says every problem at its field', () => {
    const r = validateAward({ period: '27', responsible: 'p-nobody', expectedEffect: ' ', startDate: '2027-02-30', evaluationDate: 'snart' }, people);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.details?.map((e) => `${e.field}:${e.code}`)).toEqual(['responsible:UNKNOWN_CHOICE', 'expectedEffect:REQUIRED', 'startDate:INVALID', 'evaluationDate:INVALID', 'period:INVALID']);
    const before = validateAward({ ...TERMS, evaluationDate: '2027-01-01' }, people);
    expect(!before.ok && before.details).toEqual([{ field: 'evaluationDate', code: 'IN_PAST' }]);
    const long = validateAward({ ...TERMS, expectedEffect: 'x'.repeat(1001) }, people);
    expect(!long.ok && long.details).toEqual([{ field: 'expectedEffect', code: 'TOO_LONG', limit: 1000 }]);
  });

  it('costs 0 until the konkretisering and konsekvensberegning figures are on bids (the seam)', () => {
    expect(costOfBid(bid)).toEqual({ oneOffKr: 0, yearlyKr: 0, source: 'none' });
  });
});
