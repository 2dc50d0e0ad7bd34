// Texts that cost a card the most per character: every field at its limit, filled with what has to be
// escaped (a backslash becomes four JSON characters), emoji (two UTF-16 units each), markdown marks at
// line starts. The card-budget tests render every view with them, so a card's size is bounded by
// design rather than by what people happen to type.

import fc from 'fast-check';

/** The fillers: all backslashes (the dearest character), and a mix of everything that gets escaped. */
export const FILLERS = {
  backslashes: ['\\'],
  mixed: ['\\', '*', '<', '_', '😀', '\n', '# ', '1. ', '&amp;', '[', '`', '>'],
} as const;
export type Filler = keyof typeof FILLERS;

/** `length` UTF-16 units of the filler (as the limits count them), starting and ending with a non-space. */
export function worst(length: number, filler: Filler = 'backslashes'): string {
  const parts = FILLERS[filler];
  let out = '\\';
  for (let i = 0; out.length < length; i++) {
    const next = parts[i % parts.length]!;
    out += out.length + next.length <= length ? next : '\\'.repeat(length - out.length);
  }
  return out.replace(/\s$/, '\\');
}

/** A fast-check text of exactly `length` units drawn from the escaped characters, for property-style runs. */
export const worstText = (length: number) =>
  fc.array(fc.constantFrom('\\', '*', '<', '>', '_', '~', '`', '[', ']', '#', '\n', '😀', 'æ', '&'), { minLength: length, maxLength: length }).map((chars) => {
    const s = chars.join('');
    // Emoji take two units: cut back to the limit without splitting one, and keep the ends non-blank as the forms trim them.
    let cut = s.slice(0, length);
    if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1) + '\\';
    return cut.replace(/^\s/, '\\').replace(/\s$/, '\\');
  });
