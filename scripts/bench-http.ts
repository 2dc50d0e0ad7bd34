// What the HTTP benches share: posting an activity to the bot as Teams would (with the recording
// connector as the service it answers through), and the tender they publish in Kernegruppe Læring.

import type { Activity } from 'botbuilder';
import { botAdded, cardAction } from '../tests/support/activities.js';
import { dataOf } from '../tests/support/card-actions.js';
import { conversations, persona } from '../tests/support/demo.js';

export interface Answer {
  readonly status: number;
  /** The invoke's card (undefined for a message, answered through the connector). */
  readonly card: unknown;
}

/** Posts activities to the bot's /api/messages, as Teams does, and returns each answer. */
export function httpSender(botUrl: string, connectorUrl: string): (activity: Partial<Activity>) => Promise<Answer> {
  return async (activity) => {
    const res = await fetch(`${botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...activity, serviceUrl: connectorUrl }) });
    const text = await res.text();
    return { status: res.status, card: text ? (JSON.parse(text) as { value?: unknown }).value : undefined };
  };
}

/** Adds the bot to Kernegruppe Læring's chat and General, then publishes a tender there (deadline 7 December 2026 12:00); its id. */
export async function publishBenchTender(send: (activity: Partial<Activity>) => Promise<Answer>): Promise<string> {
  const chat = conversations.laeringChat;
  for (const c of [chat, conversations.general]) await send(botAdded(persona.admin, c));
  const draft = await send(
    cardAction(persona.tovholder, chat, 'tender.save', {
      title: 'Læsevenner i lokalsamfundet',
      forudsaetninger: 'laering-1',
      description: 'Frivillige læsevenner.',
      deadlineDate: '2026-12-07',
      deadlineTime: '12:00',
      budgetKr: '',
      decidedBy: 'kernegruppe',
    }),
  );
  const { tenderId } = dataOf(draft.card, 'tender.publish');
  await send(cardAction(persona.tovholder, chat, 'tender.publish', { tenderId }));
  return tenderId!;
}
