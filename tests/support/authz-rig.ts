// A rig for the authorization matrix and the property tests: one seeded database with a draft and a
// published tender of Kernegruppe Læring, another group's tender, an employee's bid and a politician's
// dialogmøde topic, all made through the bot; a content fingerprint of every container, and a way
// back to that state after an action that changed it; and whether an answer is a refusal.

import type { Container } from '@azure/cosmos';
import { da } from '../../src/adapters/i18n/da.js';
import { tenderDa } from '../../src/adapters/i18n/tender-da.js';
import { agendaDa } from '../../src/adapters/i18n/agenda-da.js';
import { decisionDa } from '../../src/adapters/i18n/decision-da.js';
import { botAdded, cardAction } from './activities.js';
import { BotDriver, cardText } from './bot-driver.js';
import { dataOf } from './card-actions.js';
import { freshDatabase, type CosmosRequestLog } from './cosmos.js';
import { conversations, DEMO_TENANT, persona, personal } from './demo.js';
import { numberBids } from '../../src/app/bid-numbers.js';
import { VALID_BID_FORM, VALID_TENDER_FORM } from './forms.js';

export const VALID_TENDER = VALID_TENDER_FORM;

// Only the tender's own forudsætning: not cross-cutting.
export const VALID_BID = { ...VALID_BID_FORM, forudsaetninger: 'laering-1' };

export const VALID_TOPIC = { title: 'Ældre og ensomhed', why: 'Flere ældre bor alene.', part: '1', committee: '' };

export interface Ids {
  readonly draftId: string;
  readonly tenderId: string;
  readonly otherGroupTenderId: string;
  readonly bidId: string;
  readonly meetingId: string;
  readonly otherMeetingId: string;
  readonly topicId: string;
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
    const baseline = await AuthzRig.snapshot(bot);
    return new AuthzRig(bot, { draftId, tenderId, otherGroupTenderId, bidId, meetingId: meetingId!, otherMeetingId: 'byraadsmoede-2026-12', topicId }, baseline, JSON.stringify(baseline));
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

/** Every error text the bot can answer with, up to its first placeholder: an answer showing one is a refusal. */
const REFUSALS = Object.entries({ ...da, ...tenderDa, ...agendaDa, ...decisionDa })
  .filter(([key]) => key.startsWith('error.') && key !== 'error.title' && key !== 'error.yourInput' && key !== 'error.unexpected')
  .map(([, value]) => String(value).split('{')[0]!.trim())
  .filter((t) => t.length >= 12);

export function isRefusal(card: unknown): boolean {
  const text = cardText(card);
  return REFUSALS.some((r) => text.includes(r));
}

/** The text of the crash card: never an acceptable answer. */
export const CRASH = da['error.unexpected'].split('{')[0]!.trim();
