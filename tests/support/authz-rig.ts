// A rig for the authorization matrix and the property tests: one seeded database with a draft and a
// published tender of Kernegruppe Læring, another group's tender, an employee's bid and a politician's
// dialogmøde topic, all made through the bot; a content fingerprint of every container, and a way
// back to that state after an action that changed it; and whether an answer is a refusal.

import type { Container } from '@azure/cosmos';
import { catalog } from '../../src/adapters/i18n/text.js';
import { activityOf } from '../../src/domain/activity.js';
import { botAdded, cardAction } from './activities.js';
import { BotDriver, cardText } from './bot-driver.js';
import { dataOf } from './card-actions.js';
import { freshDatabase, type CosmosRequestLog } from './cosmos.js';
import { conversations, DEMO_TENANT, persona, personal } from './demo.js';
import { numberBids } from '../../src/app/bid-numbers.js';
import { VALID_BID_FORM, VALID_TENDER_FORM } from './forms.js';
import { addEntry, emptyCatalogue, present, setFrame, type Catalogue } from '../../src/domain/catalogue.js';
import { activityIdOf, catalogueId } from '../../src/app/catalogue-ids.js';
import type { Bid } from '../../src/domain/bid.js';

export const VALID_TENDER = VALID_TENDER_FORM;

// Only the tender's own forudsætning: not cross-cutting.
export const VALID_BID = { ...VALID_BID_FORM, forudsaetninger: 'laering-1' };

/** A whole evaluation as the form sends it: every pejlemærke marked, one comment. */
export const VALID_EVALUATION = { mark_netvaerk: 'ja', mark_tvaergaaende: 'delvist', mark_opgaven: 'ja', mark_samskabelse: 'nej', comment_netvaerk: 'Frivillige læsevenner.' };

export const VALID_TOPIC = { title: 'Ældre og ensomhed', why: 'Flere ældre bor alene.', part: '1', committee: '' };

export interface Ids {
  readonly draftId: string;
  readonly tenderId: string;
  readonly otherGroupTenderId: string;
  readonly bidId: string;
  readonly meetingId: string;
  readonly otherMeetingId: string;
  readonly topicId: string;
  /** Kernegruppe Læring's 2027 catalogue (a draft with the bid indstillet), its 2028 one (presented), and Beskæftigelse's. */
  readonly catalogueId: string;
  readonly presentedCatalogueId: string;
  readonly otherGroupCatalogueId: string;
  /** An activity of Kernegruppe Læring (Sofie Nielsen responsible) and one of another group. */
  readonly activityId: string;
  readonly otherGroupActivityId: string;
}

/** An activity as an award makes it (made through the real repository). */
function anActivity(bidId: string, groupId: string, groupName: string, responsible: { id: string; name: string }, now: Date) {
  const entry = {
    bidId,
    tenderId: 'tender-activity',
    tenderTitle: 'Flere børn læser',
    bidNumber: 1,
    title: 'Læsecafé på biblioteket',
    bidderId: responsible.id,
    activityId: activityIdOf(bidId),
    forudsaetninger: ['laering-1'],
    crossCutting: false,
    cost: { oneOffKr: 150_000, yearlyKr: 400_000, source: 'konkretisering' as const },
    terms: { responsible, expectedEffect: 'Flere børn låner bøger', startDate: '2027-02-01', evaluationDate: '2027-03-29' },
    decidedBy: 'kernegruppe' as const,
    state: 'awarded' as const,
    at: now.toISOString(),
    by: persona.tovholder.id,
    byName: persona.tovholder.name,
  };
  return activityOf({ id: entry.activityId, tenantId: DEMO_TENANT, groupId, groupName, period: '2027', catalogueId: catalogueId(groupId, '2027'), entry }, persona.tovholder.id, now);
}

/** A catalogue with a frame and the bid indstillet in it, presented at a temamøde when asked. */
function rigCatalogue(group: { id: string; name: string; kerneopgave: string }, period: string, bid: Bid, presented: boolean, now: Date): Catalogue {
  const by = { id: 'rig', name: 'Rig' };
  const framed = setFrame(emptyCatalogue({ id: catalogueId(group.id, period), tenantId: DEMO_TENANT, group, period }, now), 1_000_000, by, '', now);
  if (!framed.ok) throw new Error(framed.code);
  const entry = {
    bidId: bid.id, tenderId: bid.tenderId, tenderTitle: 'Offentliggjort', bidNumber: bid.number, title: bid.title, bidderId: bid.bidderId, activityId: activityIdOf(bid.id),
    forudsaetninger: bid.forudsaetninger, crossCutting: bid.crossCutting, cost: { oneOffKr: 1000, yearlyKr: 0, source: 'none' as const },
    terms: { responsible: { id: bid.bidderId, name: bid.bidderName }, expectedEffect: 'Effekt', startDate: '2027-01-01', evaluationDate: '2027-12-01' },
    decidedBy: 'byraad' as const, state: 'indstillet' as const, by: by.id, byName: by.name,
  };
  const added = addEntry(framed.value, entry, undefined, now);
  if (!added.ok) throw new Error(added.code);
  const c = { ...added.value.catalogue, unsettled: [] };
  if (!presented) return c;
  const p = present(c, { id: 'temamoede-2026-12', title: 'Temamøde', start: '2026-12-02T15:00:00.000Z' }, by.id, now);
  if (!p.ok) throw new Error(p.code);
  return p.value;
}

const SYSTEM_FIELDS = new Set(['_rid', '_self', '_etag', '_attachments', '_ts']);
type Item = Record<string, unknown>;

async function contentOf(container: Container): Promise<Item[]> {
  const { resources } = await container.items.query<Item>('SELECT * FROM c').fetchAll();
  return resources.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !SYSTEM_FIELDS.has(k)))).sort((a, b) => String(a.id).localeCompare(String(b.id)));
}

export class AuthzRig {
  private constructor(
    readonly bot: BotDriver,
    readonly ids: Ids,
    private readonly baseline: Record<string, Item[]>,
    private baselinePrint: string,
  ) {}

  static async start(requests?: CosmosRequestLog): Promise<AuthzRig> {
    const bot = await BotDriver.start(await freshDatabase(requests));
    for (const c of [conversations.laeringChat, conversations.general, conversations.byraadChannel]) await bot.send(botAdded(persona.admin, c));
    const click = async (who: typeof persona.admin, where: Parameters<typeof cardAction>[1], verb: string, data: Record<string, unknown>) => (await bot.send(cardAction(who, where, verb, data))).invokeCard;
    const draftId = dataOf(await click(persona.tovholder, conversations.laeringChat, 'tender.save', VALID_TENDER), 'tender.publish').tenderId!;
    const tenderId = dataOf(await click(persona.tovholder, conversations.laeringChat, 'tender.save', { ...VALID_TENDER, title: 'Offentliggjort' }), 'tender.publish').tenderId!;
    await click(persona.tovholder, conversations.laeringChat, 'tender.publish', { tenderId });
    const form = await click(persona.medarbejder, conversations.general, 'bid.open', { tenderId });
    await click(persona.medarbejder, conversations.general, 'bid.submit', { tenderId, submissionId: dataOf(form, 'bid.submit').submissionId!, ...VALID_BID });
    // Bids are numbered after the click (app/bid-numbers.ts); settle it here, so reading the bids later changes nothing.
    await numberBids({ tenders: bot.repos.tenders, clock: bot.clock }, DEMO_TENANT, tenderId);
    const bidId = (await bot.repos.tenders.bidsOfBidder(DEMO_TENANT, persona.medarbejder.id))[0]!.id;
    // Another kernegruppe's tender, as its own tovholder would have published it.
    const published = (await bot.repos.tenders.getTender(DEMO_TENANT, tenderId))!.value;
    const otherGroupTenderId = 'tender-beskaeftigelse-1';
    await bot.repos.tenders.saveTender({ ...published, id: otherGroupTenderId, groupId: 'kernegruppe-beskaeftigelse', groupName: 'Kernegruppe Beskæftigelse', kerneopgave: 'beskaeftigelse', kerneopgaveName: 'Beskæftigelse' }, undefined);
    const topicForm = await click(persona.politiker, personal(persona.politiker), 'topic.new', {});
    const { meetingId, submissionId } = dataOf(topicForm, 'topic.submit');
    const receipt = await click(persona.politiker, personal(persona.politiker), 'topic.submit', { meetingId, submissionId, ...VALID_TOPIC });
    const topicId = dataOf(receipt, 'topic.edit').topicId!;
    const bid = (await bot.repos.tenders.getBid(DEMO_TENANT, bidId))!.value;
    const laering = { id: 'kernegruppe-laering', name: 'Kernegruppe Læring', kerneopgave: 'laering' };
    const cats = [rigCatalogue(laering, '2027', bid, false, bot.clock.now()), rigCatalogue(laering, '2028', bid, true, bot.clock.now()), rigCatalogue({ id: 'kernegruppe-beskaeftigelse', name: 'Kernegruppe Beskæftigelse', kerneopgave: 'beskaeftigelse' }, '2027', bid, true, bot.clock.now())];
    for (const c of cats) await bot.repos.catalogues.saveCatalogue(c, undefined);
    const activity = anActivity('bid-activity-laering', 'kernegruppe-laering', 'Kernegruppe Læring', persona.medarbejder, bot.clock.now());
    const otherActivity = anActivity('bid-activity-beskaeftigelse', 'kernegruppe-beskaeftigelse', 'Kernegruppe Beskæftigelse', { id: 'd0000000-0000-4000-8000-000000000016', name: 'Beskæftigelsens politiker' }, bot.clock.now());
    await bot.repos.catalogues.createActivity(activity);
    await bot.repos.catalogues.createActivity(otherActivity);
    const baseline = await AuthzRig.snapshot(bot);
    return new AuthzRig(
      bot,
      {
        draftId,
        tenderId,
        otherGroupTenderId,
        bidId,
        meetingId: meetingId!,
        otherMeetingId: 'byraadsmoede-2026-12',
        topicId,
        catalogueId: cats[0]!.id,
        presentedCatalogueId: cats[1]!.id,
        otherGroupCatalogueId: cats[2]!.id,
        activityId: activity.id,
        otherGroupActivityId: otherActivity.id,
      },
      baseline,
      JSON.stringify(baseline),
    );
  }

  private static async snapshot(bot: BotDriver): Promise<Record<string, Item[]>> {
    const out: Record<string, Item[]> = {};
    for (const [name, container] of Object.entries(bot.cosmos.containers as unknown as Record<string, Container>)) out[name] = await contentOf(container);
    return out;
  }

  /** Every item of every container, without Cosmos DB's system fields. */
  async fingerprint(): Promise<string> {
    return JSON.stringify(await AuthzRig.snapshot(this.bot));
  }

  /** Whether the database is as the rig made it. */
  async unchanged(): Promise<boolean> {
    return (await this.fingerprint()) === this.baselinePrint;
  }

  /** Puts every container back as the rig made it (after an action that was allowed to change something). */
  async restore(): Promise<void> {
    const containers = this.bot.cosmos.containers as unknown as Record<string, Container>;
    for (const [name, container] of Object.entries(containers)) {
      const { resources } = await container.items.query<Item>('SELECT c.id, c.pk FROM c').fetchAll();
      for (const r of resources) await container.item(String(r.id), r.pk as string).delete();
      for (const item of this.baseline[name]!) await container.items.create(item);
    }
    this.baselinePrint = await this.fingerprint();
  }
}

/**
 * Every error text the bot can answer with, up to its first placeholder (or, where that is too short
 * to tell, as "Kun {who} kan offentliggøre udbuddet", its longest fixed part): an answer showing one is a refusal.
 */
const REFUSALS = Object.entries(catalog('da'))
  .filter(([key]) => key.startsWith('error.') && key !== 'error.title' && key !== 'error.yourInput' && key !== 'error.unexpected')
  .map(([, value]) => {
    const parts = String(value).split(/\{\w+\}/).map((p) => p.trim());
    return parts[0]!.length >= 12 ? parts[0]! : parts.reduce((a, b) => (b.length > a.length ? b : a), '');
  })
  .filter((t) => t.length >= 12);

export function isRefusal(card: unknown): boolean {
  const text = cardText(card);
  return REFUSALS.some((r) => text.includes(r));
}

/** The text of the crash card: never an acceptable answer. */
export const CRASH = catalog('da')['error.unexpected'].split('{')[0]!.trim();
