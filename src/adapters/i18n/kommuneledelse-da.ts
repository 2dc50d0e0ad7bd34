// Danish texts for Kommuneledelsen's meeting (issue 13 point 4): its name as a meeting kind and the
// heading of the reminder to its chat. Merged in text.ts; every key here must also be in
// kommuneledelse-en.ts (the type checks it).

export const kommuneledelseDa = {
  'meetingKind.kommuneledelse': 'Kommuneledelsen',
  // Seed 001: "Arbejdet i kernegrupperne diskuteres ½ time på hvert møde i Kommuneledelsen".
  'kommuneledelse.heading': '{meeting} {when} – ½ time om kernegruppernes arbejde: status for alle kernegrupper',
} as const;
export type KommuneledelseTextKey = keyof typeof kommuneledelseDa;
