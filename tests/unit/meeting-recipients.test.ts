// The calendar file's `recipients:` section and who it reminds (issue 13 point 3): roles written the
// Danish way, named people with their lines, defaults for what is left out, one reminder per person
// (the people at the meeting win over the konsulenter); and the status card's budget with many groups.

import { describe, expect, it } from 'vitest';
import { parseCalendarFile } from '../../src/app/calendar-file.js';
import { DEFAULT_RECIPIENTS, everyone, resolveRecipients } from '../../src/domain/meeting-recipients.js';
import { DEFAULT_REMINDERS } from '../../src/domain/reminders.js';
import type { Directory } from '../../src/domain/directory.js';
import { crossStatusCard } from '../../src/adapters/cards/cross-status-views.js';
import { CARD_BUDGET_BYTES, cardBytes } from '../../src/adapters/cards/card-budget.js';
import { cardText } from '../support/bot-driver.js';
import type { CrossStatus, GroupDigest } from '../../src/app/ports.js';
import { worst } from '../support/worst-case.js';

const parse = (source: string) => parseCalendarFile(source, { reminders: DEFAULT_REMINDERS });

describe('the calendar file’s recipients section', () => {
  it('gives the defaults when the file says nothing: pitstop to udvalgsformænd, borgmester and konsulenter; konsulentmøde to konsulenterne', () => {
    const r = parse('monthsOff: [7]\n');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.file.recipients).toEqual(DEFAULT_RECIPIENTS);
    expect(r.file.recipients?.pitstop).toEqual({ roles: ['udvalgsformand', 'borgmester'], people: [], konsulenter: true });
    expect(r.file.recipients?.konsulentmoede).toEqual({ roles: [], people: [], konsulenter: true });
    expect(r.file.namedRecipients).toEqual([]);
  });

  it('reads roles as roster files write them, named people with their line, and keeps the defaults of fields left out', () => {
    const r = parse(
      [
        'recipients:',
        '  pitstop:',
        '    roles: [Udvalgsformand, Borgmester, chef]',
        '    people:',
        '      - d0000000-0000-4000-8000-000000000005',
        '  konsulentmoede: { konsulenter: false, roles: [økonomikonsulent] }',
        '',
      ].join('\n'),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.file.recipients?.pitstop).toEqual({ roles: ['udvalgsformand', 'borgmester', 'chef'], people: ['d0000000-0000-4000-8000-000000000005'], konsulenter: true });
    expect(r.file.recipients?.konsulentmoede).toEqual({ roles: ['oekonomikonsulent'], people: [], konsulenter: false });
    expect(r.file.namedRecipients).toEqual([{ personId: 'd0000000-0000-4000-8000-000000000005', line: 5, column: 9, field: 'recipients.pitstop.people[0]' }]);
  });

  it('refuses an unknown role, an unknown meeting kind and a field it does not know, each at its line, in Danish', () => {
    const r = parse(['recipients:', '  pitstop:', '    roles: [udvalgsformand, kaffeholder]', '  byraadsmoede: { konsulenter: true }', '  konsulentmoede: { konsulent: true }', ''].join('\n'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const problems = r.problems.map((p) => `${p.line}: ${p.field}: ${p.message}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^3: recipients\.pitstop\.roles\[1\]: ukendt rolle 'kaffeholder' \(kendte roller: politiker, .*udvalgsformand, borgmester/),
        "4: recipients: ukendt felt 'byraadsmoede'",
        "5: recipients.konsulentmoede: ukendt felt 'konsulent'",
      ]),
    );
  });
});

describe('who is reminded', () => {
  const dir: Directory = {
    tenantId: 't',
    people: [],
    kerneopgaver: [],
    links: [],
    groups: [
      { id: 'g1', kind: 'kernegruppe', name: 'G1', members: [{ person: 'formand', roles: ['politiker', 'udvalgsformand'] }, { person: 'k1', roles: ['konsulent'] }, { person: 'both', roles: ['konsulent'] }] },
      { id: 'g2', kind: 'kernegruppe', name: 'G2', members: [{ person: 'both', roles: ['udvalgsformand'] }, { person: 'k2', roles: ['konsulent'] }] },
      { id: 'byraad', kind: 'byraad', name: 'Byrådet', members: [{ person: 'borgmester', roles: ['byraadsmedlem', 'borgmester'] }] },
    ],
  };

  it('reminds each person once: someone who is both at the pitstop and a konsulent is counted at the meeting', () => {
    const r = resolveRecipients(dir, { ...DEFAULT_RECIPIENTS.pitstop, people: ['jtm', 'formand'] });
    expect(r.attendees).toEqual(['formand', 'both', 'borgmester', 'jtm']);
    expect(r.konsulenter).toEqual(['k1', 'k2']);
    expect(everyone(r)).toHaveLength(new Set(everyone(r)).size);
  });

  it('reminds only the konsulenter of a konsulentmøde by default, and nobody extra when konsulenter is false', () => {
    expect(resolveRecipients(dir, DEFAULT_RECIPIENTS.konsulentmoede)).toEqual({ attendees: [], konsulenter: ['k1', 'both', 'k2'] });
    expect(everyone(resolveRecipients(dir, { ...DEFAULT_RECIPIENTS.pitstop, konsulenter: false }))).toEqual(['formand', 'both', 'borgmester']);
  });
});

describe('the status across all kernegrupper, as a card', () => {
  const title = worst(200, 'backslashes');
  const digest = (i: number): GroupDigest => ({
    groupId: `g${i}`,
    groupName: `Kernegruppe ${i} ${worst(150, 'mixed')}`,
    openTenders: Array.from({ length: 10 }, (_, j) => ({ id: `t${j}`, title, deadline: '2027-01-15T11:00:00.000Z', activeBids: j })),
    closedSinceLastMonth: Array.from({ length: 10 }, (_, j) => ({ id: `c${j}`, title, activeBids: j })),
    drafts: 3,
    konkretiseringer: Array.from({ length: 5 }, (_, j) => ({ id: `k${j}`, number: j + 1, title, status: 'submitted', konkretiseringDue: '2027-01-08T11:00:00.000Z' })),
    decisions: Array.from({ length: 5 }, (_, j) => ({ id: `d${j}`, number: j + 10, title, status: 'awarded', statusAt: '2026-12-18T10:00:00.000Z' })),
    catalogue: { period: '2026', totalKr: 1_500_000, frameKr: 1_000_000, activities: 12 },
  });
  const status = (groups: number): CrossStatus => ({ since: '2026-11-27T07:30:00.000Z', groups: Array.from({ length: groups }, (_, i) => digest(i + 1)) });

  it('stays under 40 KB with 20 groups full to every limit, and says how many groups did not fit', () => {
    const card = crossStatusCard('da', { status: status(20) });
    expect(cardBytes(card)).toBeLessThan(CARD_BUDGET_BYTES);
    const text = cardText(card);
    expect(text).toMatch(/… og \d+ flere kernegrupper, som ikke er plads til her\./);
    expect(text).toContain('Kernegruppe 1 ');
    expect(text).toContain('- … og 7 flere');
  });

  it('shows 20 ordinary groups in full on one card', () => {
    const ordinary = (i: number): GroupDigest => ({
      groupId: `g${i}`,
      groupName: `Kernegruppe ${i}`,
      openTenders: [{ id: 't', title: 'Læsevenner i lokalsamfundet', deadline: '2027-01-15T11:00:00.000Z', activeBids: 4 }],
      closedSinceLastMonth: [],
      drafts: 0,
      konkretiseringer: [{ id: 'k', number: 2, title: 'Lektiecafé', status: 'submitted', konkretiseringDue: '2027-01-08T11:00:00.000Z' }],
      decisions: [{ id: 'd', number: 3, title: 'Jobpraktik', status: 'awarded', statusAt: '2026-12-18T10:00:00.000Z' }],
      catalogue: { period: '2026', totalKr: 400_000, frameKr: 1_000_000, activities: 3 },
    });
    const card = crossStatusCard('da', { status: { since: '2026-11-27T07:30:00.000Z', groups: Array.from({ length: 20 }, (_, i) => ordinary(i + 1)) } });
    expect(cardBytes(card)).toBeLessThan(CARD_BUDGET_BYTES);
    const text = cardText(card);
    expect(text).toContain('Kernegruppe 20');
    expect(text).not.toContain('flere kernegrupper');
  });
});
