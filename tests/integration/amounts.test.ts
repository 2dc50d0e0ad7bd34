// The tender form's budget frame through the real Application (TestAdapter) and Cosmos: øre and 0 are
// refused with a message that says what was typed, the form comes back with everything kept, and
// nothing is stored; whole kroner are taken as Danes and English speakers write them.

import { beforeEach, describe, expect, it } from 'vitest';
import { cardAction } from '../support/activities.js';
import { BotDriver, cardText } from '../support/bot-driver.js';
import { dataOf, verbsOf } from '../support/card-actions.js';
import { freshDatabase } from '../support/cosmos.js';
import { conversations, DEMO_TENANT, persona } from '../support/demo.js';
import { shownCard } from '../support/teams-markdown.js';

let bot: BotDriver;
beforeEach(async () => {
  bot = await BotDriver.start(await freshDatabase());
});

const tender = {
  title: 'Læsevenner',
  description: 'Frivillige læsevenner for børn i 0.-3. klasse.',
  forudsaetninger: 'laering-1',
  deadlineDate: '2026-12-07',
  deadlineTime: '12:00',
  decidedBy: 'kernegruppe',
};
const save = (budgetKr: string, locale?: string) =>
  bot.send(cardAction(persona.tovholder, conversations.laeringChat, 'tender.save', { ...tender, budgetKr }, locale ? { locale } : {}));
const stored = () => bot.repos.tenders.tendersOfGroup(DEMO_TENANT, 'kernegruppe-laering');

describe('the budget frame in the tender form', () => {
  it.each([
    ['250.000,50', 'Skriv beløbet i hele kroner, fx 250.000 (du skrev 250.000,50).'],
    ['12,5', 'Skriv beløbet i hele kroner, fx 250.000 (du skrev 12,5).'],
    ['0', 'Rammen skal være et beløb over 0 kr. (du skrev 0). Lad feltet stå tomt, hvis udbuddet ikke har en ramme.'],
    ['-5', 'Rammen skal være et beløb over 0 kr. (du skrev -5). Lad feltet stå tomt, hvis udbuddet ikke har en ramme.'],
    ['mange penge', 'Beløbet kan ikke læses. Skriv det i hele kroner, fx 250.000 (du skrev mange penge).'],
  ])('refuses %j with a message naming it, keeps the form, and stores nothing', async (typed, said) => {
    const back = (await save(typed)).invokeCard;
    expect(verbsOf(back)).toEqual(['tender.save']);
    expect(shownCard(back).texts).toContain(said);
    expect(shownCard(back).inputs).toEqual(expect.arrayContaining([typed, tender.title, tender.description]));
    expect(await stored()).toEqual([]);
  });

  it('says it in English to an English user', async () => {
    const back = (await save('250.000,50', 'en-GB')).invokeCard;
    expect(shownCard(back).texts).toContain('Write the amount in whole kroner, e.g. 250,000 (you wrote 250.000,50).');
  });

  it.each([
    ['250.000', 'da-DK', 'Økonomisk ramme: 250.000 kr.'],
    ['250000', 'da-DK', 'Økonomisk ramme: 250.000 kr.'],
    ['250.000,00', 'da-DK', 'Økonomisk ramme: 250.000 kr.'],
    ['1.234.567', 'da-DK', 'Økonomisk ramme: 1.234.567 kr.'],
    ['250,000', 'en-GB', 'Budget frame: DKK 250,000'],
  ])('saves %j (%s) as whole kroner and shows it on the preview', async (typed, locale, fact) => {
    const preview = (await save(typed, locale)).invokeCard;
    expect(cardText(preview)).toContain(fact);
    const [saved] = await stored();
    expect(saved?.budgetKr).toBe(Number(fact.replace(/\D/g, '')));
    expect(dataOf(preview, 'tender.publish').tenderId).toBe(saved?.id);
  });
});
