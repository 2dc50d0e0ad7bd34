// calendar:import as an admin runs it, against the embedded Cosmos protocol server: a bad file names
// its lines and writes nothing; the shipped example file sets slots, lead times and exceptions.

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCalendarImport } from '../../scripts/calendar-import.js';
import { seedDemoData } from '../../src/app/seed-demo.js';
import { tenantMeetings } from '../../src/app/tenant-calendar.js';
import { loadConfig } from '../../src/config.js';
import { TestClock } from '../support/clock.js';
import { freshDatabase, repositoriesOf } from '../support/cosmos.js';
import { DEMO_TENANT, demoRoster } from '../support/demo.js';

const config = loadConfig({});

async function setup() {
  const cosmos = await freshDatabase();
  const repos = repositoriesOf(cosmos);
  const clock = new TestClock(new Date('2026-11-23T10:00:00Z'));
  await seedDemoData({ ...repos, clock }, DEMO_TENANT, demoRoster);
  const out: string[] = [];
  const err: string[] = [];
  const run = (file: string) => runCalendarImport([file], config, cosmos, { out: (l) => out.push(l), err: (l) => err.push(l) }, clock);
  return { repos, clock, out, err, run };
}

describe('calendar:import', () => {
  it('applies the example file: a per-group slot and season, lead times, a move and a cancellation', async () => {
    const { repos, clock, out, run } = await setup();
    expect(await run('demo/calendar.yaml')).toBe(0);
    expect(out[0]).toContain('2 undtagelser');
    const settings = (await repos.calendars.get(DEMO_TENANT))!.value;
    expect(settings.reminders?.rules.map((r) => r.id)).toEqual(['byraadsmoede-7d', 'byraadsmoede-1d', 'pitstop-2d', 'konsulentmoede-2d', 'kernegruppemoede-2d', 'dialogmoede-7d', 'dialogmoede-2h', 'kommuneledelse-1d']);
    const dir = (await repos.directories.get(DEMO_TENANT))!.value;
    const { meetings } = await tenantMeetings(repos, dir, clock.now(), new Date('2027-03-01T00:00:00Z'));
    const byId = (id: string) => meetings.find((m) => m.id === id);
    expect(byId('byraadsmoede-2026-12')).toMatchObject({ status: 'moved', start: '2026-12-16T16:00:00.000Z' });
    expect(byId('pitstop-2026-12')?.status).toBe('cancelled');
    // The default season, February to May (seed 001): no group meeting in December or January.
    expect(meetings.filter((m) => m.kind === 'kernegruppemoede' && m.start < '2027-02-01').map((m) => m.id)).toEqual(['kernegruppemoede-kernegruppe-beskaeftigelse-2026-11']);
    expect(byId('kernegruppemoede-kernegruppe-laering-2027-02')?.start).toBe('2027-02-22T12:00:00.000Z'); // Monday 13:00 local
    expect(byId('kernegruppemoede-kernegruppe-social-omsorg-2027-02')?.start).toBe('2027-02-24T14:00:00.000Z'); // the file's default: the byrådsmøde's Wednesday, 15:00 (seed 000)
    // perYear 4 (seed 002: "to-fire gange om året"): November and February of these months.
    expect(byId('kernegruppemoede-kernegruppe-beskaeftigelse-2026-11')?.start).toBe('2026-11-25T14:00:00.000Z');
    expect(byId('kernegruppemoede-kernegruppe-beskaeftigelse-2027-02')?.start).toBe('2027-02-24T14:00:00.000Z');
    // The example's Kommuneledelse slot, week 2 Tuesday 9-12: Tuesday 15 December 09:00 local.
    expect(byId('kommuneledelse-2026-12')).toMatchObject({ kind: 'kommuneledelse', title: 'Kommuneledelsen', start: '2026-12-15T08:00:00.000Z', end: '2026-12-15T11:00:00.000Z' });
  });

  it('keeps the kernegrupper on the byrådsmøde day when a file moves the byrådsmøde, and replaces the temamøde in the months it names (seed 000)', async () => {
    const { repos, clock, run } = await setup();
    const dir = await mkdtemp(path.join(tmpdir(), 'cal-'));
    const file = path.join(dir, 'thursday.yaml');
    await writeFile(file, 'slots:\n  byraadsmoede: { week: 4, weekday: torsdag, start: "17:00", end: "20:00" }\ntemamoedeReplacedIn: [12]\nkernegrupper:\n  default: { months: [12, 1] }\n');
    expect(await run(file)).toBe(0);
    const directory = (await repos.directories.get(DEMO_TENANT))!.value;
    const { meetings } = await tenantMeetings(repos, directory, clock.now(), new Date('2027-01-31T00:00:00Z'));
    const byId = (id: string) => meetings.find((m) => m.id === id);
    expect(byId('byraadsmoede-2026-12')?.start).toBe('2026-12-31T16:00:00.000Z'); // Thursday 17:00 local
    expect(byId('kernegruppemoede-kernegruppe-laering-2026-12')).toMatchObject({ start: '2026-12-31T14:00:00.000Z', end: '2026-12-31T16:00:00.000Z' }); // the same Thursday, 15-17
    expect(byId('temamoede-2026-12')).toBeUndefined(); // December named in the file
    expect(byId('temamoede-2027-01')).toBeDefined(); // January not
  });

  it('names the line of every problem and writes nothing', async () => {
    const { repos, err, run } = await setup();
    const dir = await mkdtemp(path.join(tmpdir(), 'cal-'));
    const file = path.join(dir, 'bad.yaml');
    await writeFile(file, 'weekRule: sometimes\nslots:\n  pitstop: { week: 5, weekday: fredag, start: "08:30", end: "09:30" }\nexceptions:\n  - move: byraadsmoede-2026-12\n    to: i morgen\n');
    expect(await run(file)).toBe(1);
    expect(err).toContain(`${file}:1:11: weekRule: skal være first-monday eller month-days`);
    expect(err.some((l) => l.startsWith(`${file}:3:`) && l.includes('slots.pitstop.week'))).toBe(true);
    expect(err.at(-1)).toContain('Intet er importeret');
    expect(await repos.calendars.get(DEMO_TENANT)).toBeUndefined();
    const unknown = path.join(dir, 'unknown.yaml');
    await writeFile(unknown, 'exceptions:\n  - cancel: byraadsmoede-2031-01\n');
    expect(await run(unknown)).toBe(1);
    expect(err.at(-1)).toBe('Mødet »byraadsmoede-2031-01« findes ikke i planen. Intet er importeret.');
    expect(await repos.calendars.get(DEMO_TENANT)).toBeUndefined();
  });

  it('refuses a person under recipients who is not on the roster, naming the line and field, and writes nothing', async () => {
    const { repos, err, out, run } = await setup();
    const dir = await mkdtemp(path.join(tmpdir(), 'cal-'));
    const file = path.join(dir, 'recipients.yaml');
    await writeFile(
      file,
      [
        'monthsOff: [7]',
        'recipients:',
        '  pitstop:',
        '    roles: [udvalgsformand, borgmester]',
        '    people:',
        '      - d0000000-0000-4000-8000-000000000005',
        '      - d0000000-0000-4000-8000-00000000dead',
        '',
      ].join('\n'),
    );
    expect(await run(file)).toBe(1);
    expect(err).toEqual([
      `${file}:7:9: recipients.pitstop.people[1]: ukendt person d0000000-0000-4000-8000-00000000dead (ikke i rollelisten)`,
      'En person under recipients findes ikke i rollelisten. Intet er importeret.',
    ]);
    expect(await repos.calendars.get(DEMO_TENANT)).toBeUndefined();

    // Sofie Nielsen is on the roster (in no group): named, she is stored among the pitstop's people.
    const known = path.join(dir, 'known.yaml');
    await writeFile(known, 'recipients:\n  pitstop: { people: [d0000000-0000-4000-8000-000000000005], konsulenter: false }\n');
    expect(await run(known)).toBe(0);
    expect(out.at(-1)).toContain('er opdateret');
    const settings = (await repos.calendars.get(DEMO_TENANT))!.value;
    expect(settings.recipients?.pitstop).toEqual({ roles: ['udvalgsformand', 'borgmester'], people: ['d0000000-0000-4000-8000-000000000005'], konsulenter: false });
    expect(settings.recipients?.konsulentmoede).toEqual({ roles: [], people: [], konsulenter: true });
  });
});
