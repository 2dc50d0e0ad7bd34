// The demo roster as tests use it: its tenant, the six personas, and the playground conversations.

import { readFileSync } from 'node:fs';
import { parseRosterFile } from '../../src/app/roster-file.js';
import type { Roster } from '../../src/domain/directory.js';
import { DEMO_ROSTER_FILE } from '../../src/main.js';

const parsed = parseRosterFile(readFileSync(DEMO_ROSTER_FILE, 'utf8'));
if (!parsed.ok || !parsed.tenantId) throw new Error('demo/roster.yaml does not parse');

export const DEMO_TENANT = parsed.tenantId;
export const demoRoster: Roster = parsed.roster;

const byName = (name: string) => {
  const p = demoRoster.people.find((x) => x.name === name);
  if (!p) throw new Error(`no ${name} in demo roster`);
  return { id: p.id, name: p.name };
};

export const persona = {
  politiker: byName('Mette Holm'),
  tovholder: byName('Johan Kristensen'),
  konsulent: byName('Hanne Graversen'),
  oekonomi: byName('Birgitte Lund'),
  medarbejder: byName('Sofie Nielsen'),
  admin: byName('Henrik Dahl'),
  /** Someone in the tenant who is not on the roster at all. */
  outsider: { id: 'a1b2c3d4-0000-4000-8000-00000000beef', name: 'Ulla Udenfor' },
};
export type Persona = { id: string; name: string };

export const conversations = {
  laeringChat: { id: '19:kernegruppe-laering@thread.v2', conversationType: 'groupChat' as const, name: 'Kernegruppe Læring' },
  general: { id: '19:demo-team@thread.tacv2', conversationType: 'channel' as const, name: 'General' },
  byraadChannel: { id: '19:byraad@thread.tacv2', conversationType: 'channel' as const, name: 'Byrådet' },
  otherChat: { id: '19:anden-chat@thread.v2', conversationType: 'groupChat' as const, name: 'Anden chat' },
  otherChannel: { id: '19:anden-kanal@thread.tacv2', conversationType: 'channel' as const, name: 'Anden kanal' },
};
export type Conversation = { id: string; conversationType: 'personal' | 'groupChat' | 'channel'; name?: string };

export const personal = (p: Persona): Conversation => ({ id: `a:personal-${p.id}`, conversationType: 'personal' });
