// Who may read the dialogmøde agenda through the card action agenda.show: the Byråd, the chefs and
// admins anywhere; someone else only on a card that is on screen in a group conversation (the Byråd's
// channel, where a non-member sees it read-only); a forged press in a 1:1 or another chat shows nothing.

import { describe, expect, it } from 'vitest';
import { cardAction } from '../support/activities.js';
import { BotDriver, cardText } from '../support/bot-driver.js';
import { dataOf, verbsOf } from '../support/card-actions.js';
import { freshDatabase } from '../support/cosmos.js';
import { conversations, persona, personal, type Conversation, type Persona } from '../support/demo.js';

const TITLE = 'Ældre og ensomhed';

async function botWithTopic() {
  const bot = await BotDriver.start(await freshDatabase());
  const me = personal(persona.politiker);
  const form = await bot.send(cardAction(persona.politiker, me, 'topic.new', {}));
  const submit = dataOf(form.invokeCard, 'topic.submit');
  const added = await bot.send(cardAction(persona.politiker, me, 'topic.submit', { ...submit, title: TITLE, why: 'Flere ældre bor alene.', part: '1', committee: '' }));
  expect(cardText(added.invokeCard)).toContain(TITLE);
  return { bot, meetingId: submit.meetingId! };
}

const show = (bot: BotDriver, who: Persona, where: Conversation, meetingId: string) => bot.send(cardAction(who, where, 'agenda.show', { meetingId, stage: 'view' }));

describe('agenda.show', () => {
  it('forged by an employee in her 1:1 or in a chat the card was never posted in shows nothing, and no way to ask again', async () => {
    const { bot, meetingId } = await botWithTopic();
    for (const where of [personal(persona.medarbejder), conversations.laeringChat, conversations.otherChannel]) {
      const seen = await show(bot, persona.medarbejder, where, meetingId);
      const text = cardText(seen.invokeCard);
      expect(text).toContain('Dagsordenen til dialogmødet er for byrådet og cheferne');
      expect(text).not.toContain(TITLE);
      expect(text).not.toContain(persona.politiker.name);
      expect(verbsOf(seen.invokeCard)).not.toContain('agenda.show');
    }
    // Without a meeting id, the same.
    const bare = await bot.send(cardAction(persona.medarbejder, personal(persona.medarbejder), 'agenda.show', {}));
    expect(cardText(bare.invokeCard)).not.toContain(TITLE);
    // Nor a stranger to the roster.
    expect(cardText((await show(bot, persona.outsider, personal(persona.outsider), meetingId)).invokeCard)).not.toContain(TITLE);
  });

  it('pressed by a non-member on the card in the Byråd’s channel (Opdater) shows the agenda read-only', async () => {
    const { bot, meetingId } = await botWithTopic();
    const seen = await show(bot, persona.medarbejder, conversations.byraadChannel, meetingId);
    expect(cardText(seen.invokeCard)).toContain(TITLE);
    expect(verbsOf(seen.invokeCard)).not.toContain('topic.new');
    expect(verbsOf(seen.invokeCard)).not.toContain('topic.edit');
  });

  it('shows the Byråd and admins the agenda wherever they ask', async () => {
    const { bot, meetingId } = await botWithTopic();
    for (const who of [persona.politiker, persona.admin]) expect(cardText((await show(bot, who, personal(who), meetingId)).invokeCard)).toContain(TITLE);
  });
});
