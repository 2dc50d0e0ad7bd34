// The whole second half of the internt udbud in one go, over HTTP through the bot as Teams reaches it:
// a tender Byrådet decides closes; a member evaluates the bid; a manager asks for a konkretisering and
// the bidder answers; the økonomikonsulent makes the konsekvensberegning; the frame is set; the tovholder
// indstiller the bid (its cost read from the konsekvensberegning); the catalogue is presented at a
// temamøde and the Byråd's approval recorded; the activity is made and, at its evaluation date, the
// group is reminded and the responsible person records that the effect is reached. Historik tells it all.

import { afterEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { cardAction } from '../support/activities.js';
import { cardText, type Card } from '../support/bot-driver.js';
import { dataOf } from '../support/card-actions.js';
import { conversations, DEMO_TENANT, persona, personal, type Conversation, type Persona } from '../support/demo.js';
import { HttpBot } from '../support/http-bot.js';
import { VALID_BID_FORM, VALID_TENDER_FORM } from '../support/forms.js';
import { VALID_EVALUATION } from '../support/authz-rig.js';
import { activityIdOf, catalogueId } from '../../src/app/catalogue-ids.js';

const chat = conversations.laeringChat;
const general = conversations.general;
let http: HttpBot;
afterEach(async () => {
  await http?.stop();
});

const click = async (who: Persona, where: Conversation, verb: string, data: Record<string, unknown> = {}): Promise<Card> => (await http.send(cardAction(who, where, verb, data) as Partial<Activity>)).card as Card;

describe('from a closed tender to a decided catalogue and an activity followed up', () => {
  it('goes the whole way, Byrådet deciding', async () => {
    http = await HttpBot.start('2026-11-23T10:00:00Z');
    const saved = await click(persona.tovholder, chat, 'tender.save', { ...VALID_TENDER_FORM, decidedBy: 'byraad' });
    const { tenderId } = dataOf(saved, 'tender.publish');
    await click(persona.tovholder, chat, 'tender.publish', { tenderId });
    const form = await click(persona.medarbejder, general, 'bid.open', { tenderId });
    await click(persona.medarbejder, general, 'bid.submit', { ...dataOf(form, 'bid.submit'), ...VALID_BID_FORM });
    await http.sweep();
    http.clock.set(new Date('2026-12-08T09:00:00Z'));
    await http.sweep(); // the deadline has passed: closed
    const bidId = (await http.repos.tenders.bidsOfBidder(DEMO_TENANT, persona.medarbejder.id, tenderId))[0]!.id;

    // 1. A member evaluates the bid.
    expect(cardText(await click(persona.politiker, chat, 'evaluation.save', { bidId, ...VALID_EVALUATION }))).toContain('er gemt');

    // 2. A manager asks for a konkretisering; the bidder answers in time.
    await click(persona.konsulent, chat, 'konkretisering.request', { bidId, deadlineDate: '2026-12-20', deadlineTime: '12:00', question1: 'Hvornår kan I starte?' });
    const answered = await click(persona.medarbejder, personal(persona.medarbejder), 'konkretisering.answer', {
      bidId,
      kompetencer: 'To bibliotekarer og ti frivillige læsevenner.',
      organisering: 'Biblioteket leder; skolerne henviser børnene.',
      oneOffKr: '100.000',
      yearlyKr: '200.000',
      staff: '0,5 årsværk',
      cofinancingText: '',
      answer1: 'Fra 1. februar.',
    });
    expect(cardText(answered)).not.toContain('fristen er udløbet');

    // 3. The bidder asks the økonomikonsulent, who makes the konsekvensberegning.
    await click(persona.medarbejder, personal(persona.medarbejder), 'konsekvens.ask', { bidId, note: 'Kan I regne på driften?' });
    await click(persona.oekonomi, personal(persona.oekonomi), 'konsekvens.save', { bidId, oneOffKr: '150.000', yearlyKr: '250.000', years: '3', yearlySavingsKr: '0', note: 'Lønnen er med.' });

    // 4. The frame, and the tovholder's indstilling: the cost is the konsekvensberegning's (150.000 + 250.000).
    await click(persona.oekonomi, chat, 'catalogue.frame', { groupId: 'kernegruppe-laering', period: '2027', amount: '1.000.000', note: 'Budget 2027' });
    const indstillet = await click(persona.tovholder, chat, 'award.submit', { bidId, responsible: persona.medarbejder.id, period: '2027', expectedEffect: 'Flere børn læser dagligt.', startDate: '2027-02-01', evaluationDate: '2027-09-01' });
    expect(cardText(indstillet)).toContain('er indstillet til Byrådet');
    const catalogueKey = catalogueId('kernegruppe-laering', '2027');
    const entry = (await http.repos.catalogues.getCatalogue(DEMO_TENANT, catalogueKey))!.value.entries[0]!;
    expect(entry.cost).toEqual({ oneOffKr: 150_000, yearlyKr: 250_000, source: 'konsekvens' });
    await http.sweep();
    expect((await http.repos.tenders.getBid(DEMO_TENANT, bidId))!.value.status).toBe('selected');

    // 5. Presented at a temamøde, approved by the Byråd at a byrådsmøde.
    const presentForm = await click(persona.tovholder, chat, 'catalogue.presentForm', { catalogueId: catalogueKey });
    const temamoede = /"value":"(temamoede-[\d-]+)"/.exec(JSON.stringify(presentForm))![1]!;
    await click(persona.tovholder, chat, 'catalogue.present', { catalogueId: catalogueKey, meetingId: temamoede });
    const decisionForm = await click(persona.admin, personal(persona.admin), 'catalogue.decisionForm', { catalogueId: catalogueKey });
    const byraadsmoede = /"value":"(byraadsmoede-[\d-]+)"/.exec(JSON.stringify(decisionForm))![1]!;
    await click(persona.admin, personal(persona.admin), 'catalogue.decide', { catalogueId: catalogueKey, outcome: 'approved', meetingId: byraadsmoede, note: 'Enstemmigt' });
    http.connector.clear();
    await http.sweep(); // settles the decision and sends what it owes
    const bid = (await http.repos.tenders.getBid(DEMO_TENANT, bidId))!.value;
    expect(bid.status).toBe('awarded');
    const activity = (await http.repos.catalogues.getActivity(DEMO_TENANT, activityIdOf(bidId)))!.value;
    expect([activity.responsible.id, activity.evaluationDate, activity.status]).toEqual([persona.medarbejder.id, '2027-09-01', 'running']);
    const katalog = cardText(await click(persona.politiker, chat, 'catalogue.show', { groupId: 'kernegruppe-laering', period: '2027' }));
    expect(katalog).toContain('400.000 kr.');
    expect(katalog).toMatch(/besluttet/i);

    // 6. At the evaluation date (09:00 Copenhagen, summer time) the group is reminded; the responsible person records the outcome.
    http.clock.set(new Date('2027-09-01T06:59:00Z'));
    http.connector.clear();
    await http.sweep();
    expect(http.connector.received.filter((r) => r.conversationId === chat.id)).toEqual([]);
    http.clock.set(new Date('2027-09-01T07:00:00Z'));
    await http.sweep();
    const reminded = http.connector.received.filter((r) => r.conversationId === chat.id).map((r) => cardText(r.activity.attachments?.[0]?.content));
    expect(reminded).toHaveLength(1);
    expect(reminded[0]).toContain(activity.title);
    const closed = await click(persona.medarbejder, personal(persona.medarbejder), 'activity.followUp', { activityId: activity.id, outcome: 'closed', note: 'Udlånet er fordoblet.' });
    expect(cardText(closed)).toContain(activity.title);
    expect((await http.repos.catalogues.getActivity(DEMO_TENANT, activity.id))!.value.status).toBe('closed');

    // 7. Historik on the tender tells the bid's way, who and why.
    const historik = cardText(await click(persona.konsulent, chat, 'tender.history', { tenderId }));
    for (const step of ['konkretisering bedt om', 'konkretisering indsendt', 'konsekvensberegning bedt om', 'konsekvensberegning lavet', 'bud indsendt', 'offentliggjort', 'oprettet']) expect(historik).toContain(step);
  });
});
