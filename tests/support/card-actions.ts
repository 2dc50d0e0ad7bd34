// Reading a card's buttons the way a person presses them: which verbs it offers, and the data a
// button would send.

import { cardText } from './bot-driver.js';

/** Every Action.Execute verb in a card, in order. */
export function verbsOf(card: unknown): string[] {
  const verbs: string[] = [];
  JSON.stringify(card, (_k, v: unknown) => {
    if (v && typeof v === 'object' && (v as { type?: unknown }).type === 'Action.Execute') verbs.push(String((v as { verb: unknown }).verb));
    return v;
  });
  return verbs;
}

/** The data of the first button with this verb; throws (showing the card) when there is none. */
export function dataOf(card: unknown, verb: string): Record<string, string> {
  let found: Record<string, string> | undefined;
  JSON.stringify(card, (_k, v: unknown) => {
    if (!found && v && typeof v === 'object' && (v as { verb?: unknown }).verb === verb && (v as { type?: unknown }).type === 'Action.Execute') found = (v as { data?: Record<string, string> }).data ?? {};
    return v;
  });
  if (!found) throw new Error(`no ${verb} in card: ${cardText(card)}`);
  return found;
}
