// English texts for Kommuneledelsen's meeting. Same keys as kommuneledelse-da.ts.

import type { KommuneledelseTextKey } from './kommuneledelse-da.js';

export const kommuneledelseEn: Record<KommuneledelseTextKey, string> = {
  'meetingKind.kommuneledelse': 'Municipal management (Kommuneledelsen)',
  'kommuneledelse.heading': '{meeting} {when} – half an hour on the core groups’ work: status of all core groups',
} as const;
