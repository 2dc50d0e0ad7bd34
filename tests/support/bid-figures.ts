// A bid's own figures, as a bidder's konkretisering answer leaves them (stored through the real
// repository): what an award's cost against the frame is read from when no konsekvensberegning is made.

import type { TenderRepository } from '../../src/app/ports.js';
import type { Bid } from '../../src/domain/bid.js';

export function withFigures(bid: Bid, oneOffKr: number, yearlyKr: number): Bid {
  const at = bid.submittedAt;
  return {
    ...bid,
    konkretisering: {
      status: 'answered',
      request: { deadline: at, questions: [], askedBy: 'p-johan', askedByName: 'Johan Kristensen', version: at, firstAskedAt: at, locale: 'da' },
      answer: {
        kompetencer: 'Bibliotekarer og frivillige.',
        organisering: 'Biblioteket står for det.',
        oneOffKr,
        yearlyKr,
        staff: '',
        cofinancingText: '',
        partyRoles: {},
        answers: [],
        answeredBy: bid.bidderId,
        answeredByName: bid.bidderName,
        answeredAt: at,
      },
    },
  };
}

/** Gives the stored bid these figures (one etag write). */
export async function giveFigures(tenders: TenderRepository, bid: Bid, oneOffKr: number, yearlyKr: number): Promise<Bid> {
  const stored = (await tenders.getBid(bid.tenantId, bid.id))!;
  const changed = withFigures(stored.value, oneOffKr, yearlyKr);
  if ((await tenders.saveBid(changed, stored.etag)) !== 'saved') throw new Error(`could not give ${bid.id} its figures`);
  return changed;
}
