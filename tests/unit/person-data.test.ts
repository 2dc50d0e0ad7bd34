// The rules for one person's data (domain/person-data.ts) on items shaped as the repositories store
// them: what identifies the person, what an erasure deletes, removes or anonymises, and what the export shows.

import { describe, expect, it } from 'vitest';
import { anonymise, dispositionOf, exportParts, learnKeys, mentions, withoutPerson, type JsonObject, type PersonKeys } from '../../src/domain/person-data.js';

const ID = 'd0000000-0000-4000-8000-000000000005';
const OTHER = 'd0000000-0000-4000-8000-000000000002';
const start: PersonKeys = { id: ID, names: [], emails: [], teamsIds: [] };

const topic: JsonObject = { id: 'agenda-dialogmoede-2026-12', type: 'agenda', topics: [{ id: 't1', title: 'Læsecafé', why: 'Sofie Nielsen og Ib foreslår det.', authorId: ID, authorName: 'Sofie Nielsen', authorTeamsId: `29:${ID}`, history: [{ by: ID, byName: 'Sofie Nielsen' }] }, { id: 't2', title: 'Andet', authorId: OTHER, authorName: 'Johan Kristensen', authorTeamsId: `29:${OTHER}`, history: [] }] };
const activity: JsonObject = { id: 'activity-1', type: 'activity', tenderId: 'tender-1', responsible: { id: ID.toUpperCase(), name: 'Sofie Nielsen' }, followUps: [{ by: OTHER, byName: 'Johan Kristensen', note: 'Sofie Nielsens idé virker; Ibsen læser.' }] };
const person: JsonObject = { id: `person-${ID}`, type: 'person', personId: ID, name: 'Sofie Nielsen', nameFolded: 'sofie nielsen', email: 'sofie.nielsen@demo.kommune.dk' };
const directory: JsonObject = { id: 'directory', type: 'directory', people: [{ id: ID, name: 'Sofie Nielsen' }, { id: OTHER, name: 'Johan Kristensen' }], groups: [{ id: 'g', members: [{ person: ID, roles: ['medarbejder'] }, { person: OTHER, roles: ['tovholder'] }] }], links: [{ conversationId: 'c', changedBy: ID }] };

describe('one person in stored items', () => {
  const keys = [topic, activity, person].reduce((k, item) => learnKeys(item, k), start);

  it('learns their names, e-mail and Teams id from the fields beside their id', () => {
    expect(keys).toEqual({ id: ID, names: ['Sofie Nielsen'], emails: ['sofie.nielsen@demo.kommune.dk'], teamsIds: [`29:${ID}`] });
  });

  it('anonymises every trace, ids in any case, the name as a word (also in "Sofie Nielsens"), and nobody else', () => {
    const a = anonymise(activity, keys, 'slettet-abc');
    expect(a).toEqual({ id: 'activity-1', type: 'activity', tenderId: 'tender-1', responsible: { id: 'slettet-abc', name: 'Slettet person' }, followUps: [{ by: OTHER, byName: 'Johan Kristensen', note: 'Slettet persons idé virker; Ibsen læser.' }] });
    const t = anonymise(topic, keys, 'slettet-abc');
    expect(mentions(t, keys)).toBe(false);
    expect(JSON.stringify(t)).toContain('Johan Kristensen');
    expect(JSON.stringify(t)).toContain('og Ib foreslår');
  });

  it('deletes their roster line, removes them from the directory (groups and roles) and keeps the rest anonymised', () => {
    expect(dispositionOf('directory', person, keys)).toBe('delete');
    expect(dispositionOf('directory', directory, keys)).toBe('remove-from-directory');
    expect(dispositionOf('agendas', topic, keys)).toBe('anonymise');
    expect(dispositionOf('reminders', { id: 'n', type: 'notice', to: { kind: 'personal', userId: ID } }, keys)).toBe('delete');
    expect(dispositionOf('reminders', { id: 'r', type: 'reminder', target: { type: 'person', personId: ID } }, keys)).toBe('delete');
    const d = withoutPerson(directory, keys, 'slettet-abc');
    expect(d.people).toEqual([{ id: OTHER, name: 'Johan Kristensen' }]);
    expect(d.groups).toEqual([{ id: 'g', members: [{ person: OTHER, roles: ['tovholder'] }] }]);
    expect(d.links).toEqual([{ conversationId: 'c', changedBy: 'slettet-abc' }]);
  });

  it('exports the objects about them, others masked, and leaves out what is not about them', () => {
    const parts = exportParts(topic, keys, { ids: new Set([OTHER]), names: new Set(['Johan Kristensen']) });
    expect(parts.map((p) => p.path)).toEqual(['$.topics[0]']);
    const f = exportParts(activity, keys, { ids: new Set([OTHER]), names: new Set(['Johan Kristensen']) });
    expect(f.map((p) => p.path)).toEqual(['$.responsible', '$.followUps[0]']);
    expect(JSON.stringify(f)).not.toContain('Johan');
    expect(JSON.stringify(f)).not.toContain(OTHER);
  });
});

describe('the persondata command', () => {
  it('reads the id, or whatever was typed after it, or nothing (the log)', async () => {
    const { parseCommand } = await import('../../src/adapters/teams/commands.js');
    expect(parseCommand(`persondata ${ID}`)).toEqual({ kind: 'personData', personId: ID });
    expect(parseCommand('Personal data Sofie Nielsen')).toEqual({ kind: 'personData', personId: 'Sofie Nielsen' });
    expect(parseCommand('persondata')).toEqual({ kind: 'personData', personId: undefined });
  });
});
