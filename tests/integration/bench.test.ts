// `npm run bench` at toy sizes: the real processes (Cosmos server, bot, echo bot) and the real
// measuring, so the printed tables keep their rows and the goals their lines. No timing is asserted:
// only that each figure was measured (counted requests and rows, CPU from the bots' own processes).

import { describe, expect, it } from 'vitest';
import { runBench, type BenchOptions } from '../../scripts/bench.js';

const TINY: BenchOptions = { pairs: 1, batch: 2, concurrency: 2, sizes: [2, 4], rosters: [20, 40], turns: 2, skipStartup: true };

describe('npm run bench', () => {
  it('prints the side-by-side table, the growth table and every goal line, with counted figures', async () => {
    const lines: string[] = [];
    const report = await runBench(TINY, (l) => lines.push(l));
    const text = lines.join('\n');

    for (const action of ['"hjælp"', '"udbud"', 'bid submit (Send bud)', 'topic add (dialogmøde)']) expect(text).toMatch(new RegExp(`^\\| ${action.replace(/[()]/g, '\\$&')} \\| \\d`, 'm'));
    expect(text).toContain('| action | N=2 | N=4 |');
    for (const row of ['| "udbud" 1:1 |', '| "mine bud" |', '| scheduled work, one idle pass']) expect(text).toContain(row);
    expect(text).toContain('| "hjælp" with a roster of | 20 people | 40 people |');
    for (const goal of [
      '"udbud" reads ≤ 30 rows at N=4',
      '"mine bud" p50 at N=4 within 1.5× of N=2',
      'directory cost independent of roster',
      'scheduler ≤ 10 requests per pass for an idle tenant',
      'CPU help ≤ 2× echo',
      'CPU bid submit ≤ 3× echo',
      'CPU topic add ≤ 3× echo',
    ])
      expect(text).toMatch(new RegExp(`^\\[(pass|FAIL)\\] ${goal.replace(/[()×.]/g, '\\$&')}`, 'm'));
    // Start-up is measured by its own script; here it is left out and says so.
    expect(text).toContain('[    ] ready ≤ 5 s after start (compiled build, COSMOS_ENDPOINT set): not measured');

    // Every bot answer was the one a user expects (a receipt for the bid and the topic).
    expect(report.sideBySide.map((r) => r.failed)).toEqual([0, 0, 0, 0]);
    // Counted at the database: each action costs requests; the echo bot none (it has no database).
    for (const r of report.sideBySide) expect(r.cosmosRequests).toBeGreaterThan(0);
    // "mine bud" with 4 own bids reads at least those 4 bids.
    expect(report.growth[1]!.mineBud.rows).toBeGreaterThanOrEqual(4);
    for (const r of report.sideBySide) expect(r.botCpuMs).toBeGreaterThan(0);
  });
});
