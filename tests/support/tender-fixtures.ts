// Realistic tenders and bids for card tests, made with the domain's own functions (createDraft,
// publish, newBid, editBid, withdrawBid, close, cancel) on the demo roster's kerneopgaver, at fixed times.

import { readFileSync } from 'node:fs';
import { parseRosterFile } from '../../src/app/roster-file.js';
import { editBid, newBid, validateBidInput, withdrawBid, type Bid, type BidInput } from '../../src/domain/bid.js';
import {
  cancel,
  close,
  createDraft,
  publish,
  registerSubmission,
  validateTenderInput,
  type CatalogEntry,
  type Tender,
  type TenderInput,
} from '../../src/domain/tender.js';

const parsed = parseRosterFile(readFileSync(new URL('../../demo/roster.yaml', import.meta.url), 'utf8'));
if (!parsed.ok || !parsed.tenantId) throw new Error('demo/roster.yaml does not parse');
const kerneopgaver = parsed.roster.kerneopgaver ?? [];
const laering = kerneopgaver.find((k) => k.id === 'laering');
if (!laering) throw new Error('no Læring in the demo roster');

export const TENANT = parsed.tenantId;
export const LAERING = laering;
export const CATALOG: readonly CatalogEntry[] = kerneopgaver.flatMap((k) =>
  k.forudsaetninger.map((f) => ({ id: f.id, text: f.text, kerneopgave: k.id, kerneopgaveName: k.name, demo: f.demo })),
);

/** Monday 23 November 2026, 10.00 in Copenhagen. */
export const NOW = new Date('2026-11-23T09:00:00Z');
/** The deadline the fixtures use: mandag 7. december 2026 kl. 12.00 (11:00 UTC). */
export const DEADLINE = new Date('2026-12-07T11:00:00Z');
/** The deadline itself: bidding is already closed at that instant. */
export const AFTER_DEADLINE = DEADLINE;
export const TOVHOLDER = { id: 'p-johan', name: 'Johan Kristensen' };

export const TENDER_INPUT = {
  title: 'Læsevenner i lokalsamfundet',
  description: 'Vi søger idéer til, hvordan frivillige læsevenner kan styrke børns læselyst i 0.-3. klasse.\nGerne i samarbejde med biblioteket.',
  forudsaetninger: 'laering-1,laering-2',
  deadlineDate: '2026-12-07',
  deadlineTime: '12:00',
  budgetKr: '250000',
  decidedBy: 'kernegruppe',
} satisfies Record<keyof TenderInput, string>;

function must<T>(result: { ok: true; value: T } | { ok: false; code: string; details?: unknown }): T {
  if (!result.ok) throw new Error(`fixture failed: ${result.code} ${JSON.stringify(result.details ?? '')}`);
  return result.value;
}

export function draftTender(input: Partial<Record<keyof TenderInput, string>> = {}, id = 'tender-1'): Tender {
  const openable = LAERING.forudsaetninger.map((f) => f.id);
  const fields = must(validateTenderInput({ ...TENDER_INPUT, ...input }, openable, NOW));
  return createDraft(
    {
      id,
      tenantId: TENANT,
      group: { id: 'kg-laering', name: 'Kernegruppe Læring' },
      kerneopgave: { id: LAERING.id, name: LAERING.name, bevaegelse: LAERING.bevaegelse },
      catalog: CATALOG,
      fields,
      by: TOVHOLDER,
    },
    NOW,
  );
}

export const publishedTender = (input: Partial<Record<keyof TenderInput, string>> = {}, id?: string): Tender =>
  must(publish(draftTender(input, id), TOVHOLDER.id, NOW));

export const closedTender = (t: Tender = publishedTender()): Tender => must(close(t, AFTER_DEADLINE));

export const cancelledTender = (t: Tender = publishedTender(), reason = 'Budgettet er omprioriteret til skoleområdet.'): Tender =>
  must(cancel(t, reason, TOVHOLDER.id, NOW));

export const BID_INPUT = {
  title: 'Læsecafé på biblioteket',
  description: 'Ugentlig læsecafé med frivillige og bibliotekarer, hvor børn og forældre læser sammen.',
  howItHelps: 'Børnene læser mere, og forældrene kommer med og tager del i læringen.',
  forudsaetninger: 'laering-1,laering-2',
  roles: { kommunen: 'Stiller lokaler og bibliotekarer til rådighed', familien: 'Forældre læser med hjemme' },
  coBidders: 'Biblioteket, Frivilligcenteret',
  participate: 'true',
} satisfies BidInput;

let submissions = 0;

/** A bid submitted on the tender at `at`; returns the tender with its count and the bid. */
export function submitBidOn(
  tender: Tender,
  input: Partial<BidInput> = {},
  bidder = { id: 'p-sofie', name: 'Sofie Nielsen' },
  at = new Date('2026-12-01T09:31:00Z'),
): { tender: Tender; bid: Bid } {
  const fields = must(validateBidInput({ ...BID_INPUT, ...input }, tender));
  const submissionId = `sub-${++submissions}`;
  const registered = must(registerSubmission(tender, submissionId, at));
  const bid = newBid(
    {
      id: `bid-${registered.number}`,
      tender: registered.tender,
      number: registered.number,
      submissionId,
      bidder: { ...bidder, teamsId: `29:${bidder.id}`, serviceUrl: 'https://smba.trafficmanager.net/emea/' },
      fields,
    },
    at,
  );
  return { tender: registered.tender, bid };
}

export const editedBid = (bid: Bid, tender: Tender, input: Partial<BidInput> = {}, at = new Date('2026-12-02T13:05:00Z')): Bid =>
  must(editBid(bid, tender, must(validateBidInput({ ...BID_INPUT, ...input }, tender)), bid.bidderId, at));

export const withdrawnBid = (bid: Bid, tender: Tender, at = new Date('2026-12-03T08:15:00Z')): Bid => must(withdrawBid(bid, tender, bid.bidderId, at));

/** `count` bids from different people on one tender, numbered 1..count. */
export function manyBids(count: number, tender: Tender = publishedTender(), title = (i: number) => `Idé nummer ${i}: læsevenner på skole ${i}`) {
  let t = tender;
  const bids: Bid[] = [];
  for (let i = 1; i <= count; i++) {
    const made = submitBidOn(t, { title: title(i) }, { id: `p-${i}`, name: `Medarbejder Nummer ${i}` });
    t = made.tender;
    bids.push(made.bid);
  }
  return { tender: t, bids };
}
