// Danish texts for the kerneopgave's bevægelse on the tender announcement and the bid form (issue 13 point 7).
// Merged in text.ts; every key here must also be in bevaegelse-en.ts (the type checks it).

export const bevaegelseDa = {
  // Seed 004: "Hvilke borgerrelaterede effekt opgaveløsningen skal have (Bevægelsen)".
  'bevaegelse.tender': '**Bevægelsen for borgeren:** {bevaegelse}',
  'bevaegelse.bidForm': '**Din aktivitet skal bidrage til bevægelsen for borgeren:** {bevaegelse}',
} as const;
export type BevaegelseTextKey = keyof typeof bevaegelseDa;
