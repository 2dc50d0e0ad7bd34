// What the bot accepts from one activity before it does anything else with it: no text field longer
// than a person could mean to send, no card action larger than a form could be. Every limit of a real
// field is far below these (a bid's description 4,000 characters, a message command a line), so what
// they stop is a paste gone wrong or a forged request, refused before it costs anyone else time.

import type { Activity } from 'botbuilder';

/** Characters in one text field (a message's text, one value of a card action). */
export const MAX_FIELD_CHARS = 20_000;
/** Characters of one activity's text and card data together (as JSON): 100 KB of UTF-8 at most. */
export const MAX_ACTIVITY_CHARS = 100_000;

export interface Oversize {
  /** The longest text found, to show its beginning back. */
  readonly longest: string;
  /** The longest text's length when it is what is too long, else the activity's. */
  readonly length: number;
}

function longestString(value: unknown, depth = 0): string {
  if (typeof value === 'string') return value;
  if (depth > 8 || value === null || typeof value !== 'object') return '';
  let best = '';
  for (const v of Object.values(value as Record<string, unknown>)) {
    const s = longestString(v, depth + 1);
    if (s.length > best.length) best = s;
  }
  return best;
}

/** Undefined when the activity is within the limits; otherwise its longest text and its total size. */
export function oversizeInput(activity: Pick<Activity, 'text' | 'value'>): Oversize | undefined {
  const text = typeof activity.text === 'string' ? activity.text : '';
  const valueChars = activity.value === undefined ? 0 : (JSON.stringify(activity.value)?.length ?? 0);
  const total = text.length + valueChars;
  const longest = [text, longestString(activity.value)].reduce((a, b) => (b.length > a.length ? b : a), '');
  if (longest.length <= MAX_FIELD_CHARS && total <= MAX_ACTIVITY_CHARS) return undefined;
  return { longest, length: longest.length > MAX_FIELD_CHARS ? longest.length : total };
}
