// The directory's pure rules (src/domain/directory.ts, src/domain/roles.ts): finding a group by the name
// a person types, linking conversations to groups and announcement channels, checking a roster's
// references, importing a roster over an existing directory, and reading roles with æ, ø and å.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRosterFile } from '../../src/app/roster-file.js';
import {
  announcementConversations,
  applyRoster,
  checkRoster,
  conversationOfGroup,
  findGroupByName,
  groupOfConversation,
  linkConversation,
  linkOf,
  membershipsOf,
  setAnnouncement,
  unlinkConversation,
  type ConversationLink,
  type Directory,
  type Group,
  type Kerneopgave,
  type LinkChange,
  type Roster,
  type RosterIssueCode,
} from '../../src/domain/directory.js';
import { foldName, parseGroupKind, parseRole, ROLES } from '../../src/domain/roles.js';

const TENANT = 'de000000-0000-4000-8000-000000000001';
const ADMIN = 'd0000000-0000-4000-8000-000000000006';
const T0 = new Date('2026-03-02T09:00:00Z');
const T1 = new Date('2026-03-02T10:30:00Z');

const person = (n: number, name: string) => ({ id: `d0000000-0000-4000-8000-${String(n).padStart(12, '0')}`, name });
const mette = person(1, 'Mette Holm');
const johan = person(2, 'Johan Kristensen');
const hanne = person(3, 'Hanne Graversen');
const henrik = person(6, 'Henrik Dahl');

const kerneopgaver: Kerneopgave[] = [
  { id: 'laering', name: 'Læring', bevaegelse: 'Barnet bliver parat til uddannelse eller job.', forudsaetninger: [{ id: 'laering-1', text: 'Trygt læringsmiljø', demo: true }] },
  { id: 'beskaeftigelse', name: 'Beskæftigelse', bevaegelse: 'Man kommer i job.', forudsaetninger: [{ id: 'beskaeftigelse-1', text: 'Virksomheder er partnere', demo: true }] },
];

const laering: Group = {
  id: 'kernegruppe-laering',
  kind: 'kernegruppe',
  name: 'Kernegruppe Læring',
  kerneopgave: 'laering',
  members: [
    { person: mette.id, roles: ['politiker', 'udvalgsformand'] },
    { person: johan.id, roles: ['chef', 'tovholder'] },
  ],
};
const beskaeftigelse: Group = { id: 'kernegruppe-beskaeftigelse', kind: 'kernegruppe', name: 'Kernegruppe Beskæftigelse', kerneopgave: 'beskaeftigelse', members: [] };
const byraad: Group = { id: 'byraad', kind: 'byraad', name: 'Byrådet', members: [{ person: mette.id, roles: ['byraadsmedlem'] }] };
const konsulenter: Group = {
  id: 'konsulenter',
  kind: 'konsulenter',
  name: 'Konsulenterne',
  members: [
    { person: henrik.id, roles: ['admin'] },
    { person: hanne.id, roles: ['konsulent'] },
  ],
};
const oekonomi: Group = { id: 'oekonomi-personale', kind: 'oekonomi-personale', name: 'Økonomi & Personale', members: [] };

const directory = (links: ConversationLink[] = []): Directory => ({
  tenantId: TENANT,
  people: [mette, johan, hanne, henrik],
  groups: [laering, beskaeftigelse, byraad, konsulenter, oekonomi],
  kerneopgaver,
  links,
});

const LAERING_CHAT = '19:kernegruppe-laering@thread.v2';
const OTHER_CHAT = '19:anden-chat@thread.v2';
const GENERAL = '19:demo-team@thread.tacv2';

const change = (conversationId: string, conversationName?: string, at: Date = T0): LinkChange => ({ conversationId, conversationName, by: ADMIN, at });

const link = (conversationId: string, group: string | undefined, announcement = false): ConversationLink => ({
  conversationId,
  conversationName: `navn på ${conversationId}`,
  group,
  announcement,
  changedBy: ADMIN,
  changedAt: T0.toISOString(),
});

/** Unwraps an ok Result, failing the test with the code otherwise. */
function valueOf<T>(r: { ok: true; value: T } | { ok: false; code: string }): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}`);
  return r.value;
}

describe('findGroupByName', () => {
  const dir = directory();

  it.each([
    ['Læring', 'kernegruppe-laering'],
    ['laering', 'kernegruppe-laering'],
    ['LÆRING', 'kernegruppe-laering'],
    ['kernegruppe læring', 'kernegruppe-laering'],
    ['Kernegruppe Læring', 'kernegruppe-laering'],
    ['kernegruppe-laering', 'kernegruppe-laering'],
    ['Beskæftigelse', 'kernegruppe-beskaeftigelse'],
    ['Byrådet', 'byraad'],
    ['byråd', 'byraad'],
    ['byraad', 'byraad'],
    ['city council', 'byraad'],
    ['konsulenterne', 'konsulenter'],
    ['Konsulenter', 'konsulenter'],
    ['økonomi & personale', 'oekonomi-personale'],
    ['Økonomi & Personale', 'oekonomi-personale'],
    ['oekonomi-personale', 'oekonomi-personale'],
    ['økonomi personale', 'oekonomi-personale'],
  ])('finds the group an admin means by %j', (typed, groupId) => {
    expect(findGroupByName(dir, typed)?.id).toBe(groupId);
  });

  it.each(['Sundhed', 'kernegruppe', '', '   ', 'Læring og Beskæftigelse'])('finds no group for %j', (typed) => {
    expect(findGroupByName(dir, typed)).toBeUndefined();
  });

  it('finds no group when the name fits more than one, rather than guessing', () => {
    const nord: Group = { id: 'konsulenter-nord', kind: 'konsulenter', name: 'Konsulenter Nord', members: [] };
    const twoKinds = { ...directory(), groups: [...directory().groups, nord] };
    expect(findGroupByName(twoKinds, 'konsulenter')).toBeUndefined();
    // The new group is still reachable by its own name.
    expect(findGroupByName(twoKinds, 'Konsulenter Nord')?.id).toBe('konsulenter-nord');
  });

  it('finds the groups of the shipped demo roster by their everyday names', () => {
    const parsed = parseRosterFile(readFileSync(new URL('../../demo/roster.yaml', import.meta.url), 'utf8'));
    if (!parsed.ok) throw new Error('demo/roster.yaml does not parse');
    const demo: Directory = { tenantId: TENANT, people: parsed.roster.people, groups: parsed.roster.groups, kerneopgaver: parsed.roster.kerneopgaver ?? [], links: [] };
    expect(findGroupByName(demo, 'kernegruppe læring')?.id).toBe('kernegruppe-laering');
    expect(findGroupByName(demo, 'Fritid & Fællesskab')?.id).toBe('kernegruppe-fritid-faellesskab');
    expect(findGroupByName(demo, 'Social Omsorg')?.id).toBe('kernegruppe-social-omsorg');
    expect(findGroupByName(demo, 'Byrådet')?.id).toBe('byraad');
    expect(findGroupByName(demo, 'konsulenterne')?.id).toBe('konsulenter');
    expect(findGroupByName(demo, 'økonomi & personale')?.id).toBe('oekonomi-personale');
  });
});

describe('linkConversation', () => {
  it('links a group chat to a group and remembers who did it, when, and the chat name', () => {
    const r = valueOf(linkConversation(directory(), 'kernegruppe-laering', change(LAERING_CHAT, 'Kernegruppe Læring')));
    expect(r.unchanged).toBe(false);
    expect(r.movedFrom).toBeUndefined();
    expect(r.group.name).toBe('Kernegruppe Læring');
    expect(groupOfConversation(r.directory, LAERING_CHAT)?.id).toBe('kernegruppe-laering');
    expect(linkOf(r.directory, LAERING_CHAT)).toEqual({
      conversationId: LAERING_CHAT,
      conversationName: 'Kernegruppe Læring',
      group: 'kernegruppe-laering',
      announcement: false,
      changedBy: ADMIN,
      changedAt: T0.toISOString(),
    });
  });

  it('refuses a group that does not exist and changes nothing', () => {
    const dir = directory();
    const r = linkConversation(dir, 'kernegruppe-sundhed', change(LAERING_CHAT));
    expect(r).toEqual({ ok: false, code: 'GROUP.NOT_FOUND' });
    expect(dir.links).toEqual([]);
  });

  it('moves a group to the new conversation, so a group never has two, and says where it came from', () => {
    const dir = directory([link(OTHER_CHAT, 'kernegruppe-laering')]);
    const r = valueOf(linkConversation(dir, 'kernegruppe-laering', change(LAERING_CHAT, 'Kernegruppe Læring', T1)));
    expect(r.movedFrom).toBe(OTHER_CHAT);
    expect(r.unchanged).toBe(false);
    expect(conversationOfGroup(r.directory, 'kernegruppe-laering')).toBe(LAERING_CHAT);
    expect(r.directory.links.filter((l) => l.group === 'kernegruppe-laering')).toHaveLength(1);
    // The old conversation said nothing else, so it no longer appears in the list of links.
    expect(linkOf(r.directory, OTHER_CHAT)).toBeUndefined();
  });

  it('keeps the old conversation as announcement channel when the group moves away from it', () => {
    const dir = directory([link(GENERAL, 'byraad', true)]);
    const r = valueOf(linkConversation(dir, 'byraad', change('19:byraad@thread.tacv2')));
    expect(r.movedFrom).toBe(GENERAL);
    expect(linkOf(r.directory, GENERAL)).toMatchObject({ group: undefined, announcement: true });
    expect(announcementConversations(r.directory)).toEqual([GENERAL]);
  });

  it('reports linking the same conversation to the same group again as unchanged, leaving the directory as it was', () => {
    const dir = directory([link(LAERING_CHAT, 'kernegruppe-laering')]);
    const r = valueOf(linkConversation(dir, 'kernegruppe-laering', change(LAERING_CHAT, 'Nyt navn', T1)));
    expect(r.unchanged).toBe(true);
    expect(r.movedFrom).toBeUndefined();
    expect(r.directory).toEqual(dir);
  });

  it('keeps the announcement flag of a channel that gets linked to a group', () => {
    const dir = directory([link(GENERAL, undefined, true)]);
    const r = valueOf(linkConversation(dir, 'byraad', change(GENERAL)));
    expect(linkOf(r.directory, GENERAL)).toMatchObject({ group: 'byraad', announcement: true, conversationName: `navn på ${GENERAL}` });
    expect(announcementConversations(r.directory)).toEqual([GENERAL]);
  });

  it('gives a conversation one group: linking it to another group takes it from the first', () => {
    const dir = directory([link(LAERING_CHAT, 'kernegruppe-laering')]);
    const r = valueOf(linkConversation(dir, 'byraad', change(LAERING_CHAT)));
    expect(groupOfConversation(r.directory, LAERING_CHAT)?.id).toBe('byraad');
    expect(conversationOfGroup(r.directory, 'kernegruppe-laering')).toBeUndefined();
    expect(r.directory.links).toHaveLength(1);
  });
});

describe('unlinkConversation', () => {
  it('removes the link and names the group it had', () => {
    const dir = directory([link(LAERING_CHAT, 'kernegruppe-laering')]);
    const r = valueOf(unlinkConversation(dir, change(LAERING_CHAT, undefined, T1)));
    expect(r.group.id).toBe('kernegruppe-laering');
    expect(conversationOfGroup(r.directory, 'kernegruppe-laering')).toBeUndefined();
    expect(r.directory.links).toEqual([]);
  });

  it('keeps an announcement channel an announcement channel after its group is unlinked', () => {
    const dir = directory([link(GENERAL, 'byraad', true)]);
    const r = valueOf(unlinkConversation(dir, change(GENERAL, undefined, T1)));
    expect(linkOf(r.directory, GENERAL)).toMatchObject({ group: undefined, announcement: true, changedAt: T1.toISOString() });
  });

  it('says a conversation without a group is not linked, also when it is an announcement channel', () => {
    expect(unlinkConversation(directory(), change(LAERING_CHAT))).toEqual({ ok: false, code: 'LINK.NOT_LINKED' });
    expect(unlinkConversation(directory([link(GENERAL, undefined, true)]), change(GENERAL))).toEqual({ ok: false, code: 'LINK.NOT_LINKED' });
  });
});

describe('setAnnouncement', () => {
  it('marks a channel as announcement channel, and doing it twice changes nothing the second time', () => {
    const first = setAnnouncement(directory(), true, change(GENERAL, 'General'));
    expect(first.unchanged).toBe(false);
    expect(announcementConversations(first.directory)).toEqual([GENERAL]);
    const second = setAnnouncement(first.directory, true, change(GENERAL, 'General', T1));
    expect(second.unchanged).toBe(true);
    expect(second.directory).toBe(first.directory);
  });

  it('turning it off where it was never on changes nothing', () => {
    const dir = directory([link(LAERING_CHAT, 'kernegruppe-laering')]);
    const r = setAnnouncement(dir, false, change(LAERING_CHAT));
    expect(r.unchanged).toBe(true);
    expect(r.directory).toBe(dir);
    expect(setAnnouncement(directory(), false, change(GENERAL)).unchanged).toBe(true);
  });

  it('drops a link that has neither group nor announcement left', () => {
    const dir = directory([link(GENERAL, undefined, true)]);
    const r = setAnnouncement(dir, false, change(GENERAL));
    expect(r.unchanged).toBe(false);
    expect(r.directory.links).toEqual([]);
    expect(announcementConversations(r.directory)).toEqual([]);
  });

  it('keeps the group of a linked channel when it stops being announcement channel', () => {
    const dir = directory([link(GENERAL, 'byraad', true)]);
    const r = setAnnouncement(dir, false, change(GENERAL));
    expect(linkOf(r.directory, GENERAL)).toMatchObject({ group: 'byraad', announcement: false });
    expect(groupOfConversation(r.directory, GENERAL)?.id).toBe('byraad');
  });
});

describe('checkRoster', () => {
  const valid: Roster = {
    people: [mette, johan],
    groups: [
      { ...laering, members: [{ person: mette.id, roles: ['politiker'] }] },
      { ...byraad, members: [{ person: johan.id, roles: ['byraadsmedlem'] }] },
    ],
    kerneopgaver,
    links: [{ conversationId: LAERING_CHAT, group: 'kernegruppe-laering' }, { conversationId: GENERAL, announcement: true }],
  };

  it('finds nothing wrong with a roster whose references all resolve', () => {
    expect(checkRoster(valid, [])).toEqual([]);
  });

  // A Record over RosterIssueCode, so a new code without a case here does not type-check.
  const cases: Record<RosterIssueCode, { roster: Roster; path: (string | number)[]; value: string }> = {
    'ROSTER.DUPLICATE_PERSON': {
      roster: { ...valid, people: [mette, johan, { id: mette.id.toUpperCase(), name: 'Mette Holm igen' }] },
      path: ['people', 2, 'id'],
      value: mette.id.toUpperCase(),
    },
    'ROSTER.DUPLICATE_GROUP': {
      roster: { ...valid, groups: [...valid.groups, { ...byraad, name: 'Byrådet igen' }] },
      path: ['groups', 2, 'id'],
      value: 'byraad',
    },
    'ROSTER.DUPLICATE_MEMBER': {
      roster: { ...valid, groups: [valid.groups[0]!, { ...byraad, members: [{ person: johan.id, roles: ['byraadsmedlem'] }, { person: johan.id, roles: ['borgmester'] }] }] },
      path: ['groups', 1, 'members', 1, 'person'],
      value: johan.id,
    },
    'ROSTER.UNKNOWN_PERSON': {
      roster: { ...valid, groups: [valid.groups[0]!, { ...byraad, members: [{ person: johan.id, roles: ['byraadsmedlem'] }, { person: hanne.id, roles: ['byraadsmedlem'] }] }] },
      path: ['groups', 1, 'members', 1, 'person'],
      value: hanne.id,
    },
    'ROSTER.KERNEGRUPPE_WITHOUT_KERNEOPGAVE': {
      roster: { ...valid, groups: [{ ...laering, kerneopgave: undefined, members: [] }, valid.groups[1]!], links: [] },
      path: ['groups', 0, 'kerneopgave'],
      value: 'kernegruppe-laering',
    },
    'ROSTER.UNKNOWN_KERNEOPGAVE': {
      roster: { ...valid, groups: [{ ...laering, kerneopgave: 'sundhed', members: [] }, valid.groups[1]!] },
      path: ['groups', 0, 'kerneopgave'],
      value: 'sundhed',
    },
    'ROSTER.KERNEOPGAVE_ON_OTHER_GROUP': {
      roster: { ...valid, groups: [...valid.groups, { ...beskaeftigelse, id: 'kernegruppe-laering-2', kerneopgave: 'laering' }] },
      path: ['groups', 2, 'kerneopgave'],
      value: 'laering',
    },
    'ROSTER.DUPLICATE_KERNEOPGAVE': {
      roster: { ...valid, kerneopgaver: [...kerneopgaver, { id: 'laering', name: 'Læring igen', bevaegelse: 'x', forudsaetninger: [] }] },
      path: ['kerneopgaver', 2, 'id'],
      value: 'laering',
    },
    'ROSTER.DUPLICATE_FORUDSAETNING': {
      roster: {
        ...valid,
        kerneopgaver: [kerneopgaver[0]!, { ...kerneopgaver[1]!, forudsaetninger: [{ id: 'beskaeftigelse-1', text: 'a', demo: false }, { id: 'laering-1', text: 'b', demo: false }] }],
      },
      path: ['kerneopgaver', 1, 'forudsaetninger', 1, 'id'],
      value: 'laering-1',
    },
    'ROSTER.UNKNOWN_GROUP': {
      roster: { ...valid, links: [{ conversationId: OTHER_CHAT, group: 'kernegruppe-sundhed' }] },
      path: ['links', 0, 'group'],
      value: 'kernegruppe-sundhed',
    },
    'ROSTER.GROUP_LINKED_TWICE': {
      roster: { ...valid, links: [...valid.links!, { conversationId: OTHER_CHAT, group: 'kernegruppe-laering' }] },
      path: ['links', 2, 'group'],
      value: 'kernegruppe-laering',
    },
    'ROSTER.DUPLICATE_LINK': {
      roster: { ...valid, links: [...valid.links!, { conversationId: LAERING_CHAT, announcement: true }] },
      path: ['links', 2, 'conversationId'],
      value: LAERING_CHAT,
    },
  };

  it.each(Object.entries(cases))('reports %s at the offending field', (code, c) => {
    expect(checkRoster(c.roster, [])).toEqual([{ code, path: c.path, value: c.value }]);
  });

  it('refuses a kerneopgave on a group that is not a kernegruppe', () => {
    const roster: Roster = { ...valid, groups: [valid.groups[0]!, { ...valid.groups[1]!, kerneopgave: 'beskaeftigelse' }] };
    expect(checkRoster(roster, [])).toEqual([{ code: 'ROSTER.KERNEOPGAVE_ON_OTHER_GROUP', path: ['groups', 1, 'kerneopgave'], value: 'beskaeftigelse' }]);
  });

  it('accepts kernegrupper on the kerneopgaver in force when the roster brings none of its own', () => {
    const withoutKerneopgaver: Roster = { ...valid, kerneopgaver: undefined };
    expect(checkRoster(withoutKerneopgaver, kerneopgaver)).toEqual([]);
    expect(checkRoster(withoutKerneopgaver, [])).toEqual([{ code: 'ROSTER.UNKNOWN_KERNEOPGAVE', path: ['groups', 0, 'kerneopgave'], value: 'laering' }]);
  });

  it("checks against the roster's own kerneopgaver, not the ones in force, when it brings some", () => {
    const onlyBeskaeftigelse: Roster = { ...valid, kerneopgaver: [kerneopgaver[1]!] };
    expect(checkRoster(onlyBeskaeftigelse, kerneopgaver).map((i) => i.code)).toEqual(['ROSTER.UNKNOWN_KERNEOPGAVE']);
  });

  it('matches person ids whatever their case, as Entra object ids are case-insensitive', () => {
    const roster: Roster = { ...valid, groups: [{ ...valid.groups[0]!, members: [{ person: mette.id.toUpperCase(), roles: ['politiker'] }] }, valid.groups[1]!] };
    expect(checkRoster(roster, [])).toEqual([]);
  });
});

describe('applyRoster', () => {
  const roster: Roster = {
    people: [mette, johan, hanne],
    groups: [
      { ...laering, members: [{ person: hanne.id, roles: ['konsulent'] }] },
      byraad,
    ],
  };

  it('creates the directory on first import, stamped with who imported it and when', () => {
    const { directory: dir, droppedLinks } = applyRoster(undefined, TENANT, { ...roster, kerneopgaver }, ADMIN, T1);
    expect(dir).toMatchObject({ tenantId: TENANT, importedBy: ADMIN, importedAt: T1.toISOString(), links: [] });
    // Johan is in no group: he is stored with the rest of the roster, one item per person, not in the directory.
    expect(dir.people.map((p) => p.name)).toEqual(['Mette Holm', 'Hanne Graversen']);
    expect(dir.kerneopgaver.map((k) => k.id)).toEqual(['laering', 'beskaeftigelse']);
    expect(droppedLinks).toEqual([]);
  });

  it('replaces people and groups, so memberships are what the new roster says', () => {
    const { directory: dir } = applyRoster(directory(), TENANT, roster, ADMIN, T1);
    expect(dir.people.map((p) => p.id)).toEqual([mette.id, hanne.id]);
    expect(dir.groups.map((g) => g.id)).toEqual(['kernegruppe-laering', 'byraad']);
    // Johan was tovholder in Læring before; the new roster has only Hanne there.
    expect(membershipsOf(dir, johan.id)).toEqual([]);
    expect(membershipsOf(dir, hanne.id).map((m) => [m.group.id, m.roles])).toEqual([['kernegruppe-laering', ['konsulent']]]);
  });

  it('keeps links made in chat whose group is still there, as they were', () => {
    const chatLink = link(LAERING_CHAT, 'kernegruppe-laering');
    const { directory: dir, droppedLinks } = applyRoster(directory([chatLink]), TENANT, roster, ADMIN, T1);
    expect(linkOf(dir, LAERING_CHAT)).toEqual(chatLink);
    expect(droppedLinks).toEqual([]);
  });

  it('drops a link whose group the roster no longer has, and reports it', () => {
    const gone = link(OTHER_CHAT, 'konsulenter');
    const { directory: dir, droppedLinks } = applyRoster(directory([gone, link(LAERING_CHAT, 'kernegruppe-laering')]), TENANT, roster, ADMIN, T1);
    expect(droppedLinks).toEqual([gone]);
    expect(linkOf(dir, OTHER_CHAT)).toBeUndefined();
    expect(conversationOfGroup(dir, 'kernegruppe-laering')).toBe(LAERING_CHAT);
  });

  it('keeps an announcement channel whose group is gone as announcement channel, reporting the lost group', () => {
    const gone = link(GENERAL, 'konsulenter', true);
    const { directory: dir, droppedLinks } = applyRoster(directory([gone]), TENANT, roster, ADMIN, T1);
    expect(droppedLinks).toEqual([gone]);
    expect(linkOf(dir, GENERAL)).toMatchObject({ group: undefined, announcement: true });
  });

  it('keeps the kerneopgaver in force when the roster brings none, and replaces them when it does', () => {
    expect(applyRoster(directory(), TENANT, roster, ADMIN, T1).directory.kerneopgaver).toEqual(kerneopgaver);
    const only = [kerneopgaver[1]!];
    expect(applyRoster(directory(), TENANT, { ...roster, kerneopgaver: only }, ADMIN, T1).directory.kerneopgaver).toEqual(only);
  });

  it("lets the roster's links win over links made in chat", () => {
    const existing = directory([link(OTHER_CHAT, 'kernegruppe-laering'), link(LAERING_CHAT, 'byraad')]);
    const { directory: dir } = applyRoster(
      existing,
      TENANT,
      { ...roster, links: [{ conversationId: LAERING_CHAT, group: 'kernegruppe-laering' }, { conversationId: GENERAL, announcement: true }] },
      ADMIN,
      T1,
    );
    expect(conversationOfGroup(dir, 'kernegruppe-laering')).toBe(LAERING_CHAT);
    expect(linkOf(dir, OTHER_CHAT)).toBeUndefined();
    expect(conversationOfGroup(dir, 'byraad')).toBeUndefined();
    expect(linkOf(dir, GENERAL)).toMatchObject({ announcement: true, changedBy: ADMIN, changedAt: T1.toISOString() });
    expect(dir.links.filter((l) => l.group === 'kernegruppe-laering')).toHaveLength(1);
  });

  it('turns off an announcement channel when the roster says announcement: false', () => {
    const { directory: dir } = applyRoster(directory([link(GENERAL, undefined, true)]), TENANT, { ...roster, links: [{ conversationId: GENERAL, announcement: false }] }, ADMIN, T1);
    expect(announcementConversations(dir)).toEqual([]);
  });
});

describe('parseRole and foldName', () => {
  it.each([
    ['økonomikonsulent', 'oekonomikonsulent'],
    ['Økonomikonsulent', 'oekonomikonsulent'],
    ['oekonomikonsulent', 'oekonomikonsulent'],
    ['Byrådsmedlem', 'byraadsmedlem'],
    ['BYRÅDSMEDLEM', 'byraadsmedlem'],
    ['byraadsmedlem', 'byraadsmedlem'],
    ['Udvalgsformand', 'udvalgsformand'],
    ['administrator', 'admin'],
    ['admin', 'admin'],
    ['council member', 'byraadsmedlem'],
    ['finance consultant', 'oekonomikonsulent'],
    ['lead director', 'tovholder'],
    [' tovholder ', 'tovholder'],
  ])('reads the role %j as %s', (typed, role) => {
    expect(parseRole(typed)).toBe(role);
  });

  it.each(['direktør', 'borgmesteren', '', 'konsulent x'])('knows no role %j', (typed) => {
    expect(parseRole(typed)).toBeUndefined();
  });

  it('reads every role by its own id', () => {
    for (const r of ROLES) expect(parseRole(r)).toBe(r);
  });

  it('reads a group kind as written in Danish', () => {
    expect(parseGroupKind('Økonomi & Personale')).toBe('oekonomi-personale');
    expect(parseGroupKind('byråd')).toBe('byraad');
    expect(parseGroupKind('udvalg')).toBeUndefined();
  });

  it('lets "Økonomi & Personale", "oekonomi-personale" and "økonomi personale" meet', () => {
    expect(foldName('Økonomi & Personale')).toBe('oekonomi personale');
    expect(foldName('oekonomi-personale')).toBe('oekonomi personale');
    expect(foldName('  økonomi   personale. ')).toBe('oekonomi personale');
  });

  it('folds æ, ø and å in either case to ae, oe and aa', () => {
    expect(foldName('Æblegård Ø')).toBe('aeblegaard oe');
    expect(foldName('ÆØÅ æøå')).toBe('aeoeaa aeoeaa');
  });

  it('folds å written as a + combining ring (as pasted from macOS or PDFs) like a precomposed å', () => {
    const decomposed = 'Byra\u030adsmedlem';
    expect(decomposed.normalize('NFC')).toBe('Byrådsmedlem');
    expect(foldName(decomposed)).toBe(foldName('Byrådsmedlem'));
    expect(parseRole(decomposed)).toBe('byraadsmedlem');
  });
});
