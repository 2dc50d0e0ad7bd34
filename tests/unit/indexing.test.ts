// The containers index only the properties their queries filter or order on (issue 11: a bid's write
// should not pay for indexing every key of a history). Two ways that could drift: a new query on a
// property nobody indexed (on Azure it would scan, or refuse an ORDER BY), and infra/main.bicep
// declaring other paths than the code creates locally. Both are checked here from the sources.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTAINERS, indexingPolicyOf } from '../../src/adapters/cosmos/containers.js';

const source = (file: string) => readFileSync(new URL(`../../src/adapters/cosmos/${file}`, import.meta.url), 'utf8');
const bicep = readFileSync(new URL('../../infra/main.bicep', import.meta.url), 'utf8');

/** Which container each repository's queries run on. */
const REPOSITORIES: Record<string, keyof typeof CONTAINERS> = {
  'tender-repository.ts': 'tenders',
  'evaluation-repository.ts': 'tenders',
  'directory-repository.ts': 'directory',
  'reminder-repository.ts': 'reminders',
  'outbox-repository.ts': 'reminders',
  'agenda-repository.ts': 'agendas',
  'catalogue-repository.ts': 'tenders',
  // Its scans filter on pk alone in every container; the audit entries on pk and type in the directory.
  'person-data-repository.ts': 'directory',
};

/** The file's string literals (comments skipped; a template literal whole, `${…}` and all). */
function literals(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '/' && text[i + 1] === '/') i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
    else if (ch === '/' && text[i + 1] === '*') i = text.indexOf('*/', i + 2) + 1;
    else if (ch === '"' || ch === "'" || ch === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== ch) j += text[j] === '\\' ? 2 : 1;
      out.push(text.slice(i + 1, j));
      i = j;
    }
  }
  return out;
}

/**
 * The properties a file's SQL filters or orders on: every `c.<name>` in a string literal, except in
 * what a query selects (before `FROM c`) and in strings that are only a projection ("c.a, c.b").
 */
function queriedProperties(text: string): Set<string> {
  const found = new Set<string>();
  for (const literal of literals(text)) {
    if (/^\s*c\.[a-zA-Z_]+(\s*,\s*c\.[a-zA-Z_]+)*\s*$/.test(literal)) continue;
    const afterSelect = literal.includes(' FROM c') ? literal.slice(literal.indexOf(' FROM c')) : literal;
    for (const m of afterSelect.matchAll(/\bc\.([a-zA-Z_]+)/g)) found.add(m[1]!);
  }
  found.delete('id'); // always indexed
  return found;
}

describe('indexing policy', () => {
  it.each(Object.entries(REPOSITORIES))('every property %s filters or orders on is indexed', (file, container) => {
    const queried = [...queriedProperties(source(file))];
    expect(queried.length).toBeGreaterThan(0);
    expect(queried.filter((p) => !CONTAINERS[container].indexed.includes(p as never))).toEqual([]);
  });

  it('finds the tender queries it should (the check above sees real SQL)', () => {
    expect([...queriedProperties(source('tender-repository.ts'))]).toEqual(expect.arrayContaining(['type', 'status', 'deadline', 'bidderId', 'number', 'attentionAt', 'unshown']));
  });

  it('excludes everything else, including the texts and histories', () => {
    for (const def of Object.values(CONTAINERS)) {
      const policy = indexingPolicyOf(def);
      expect(policy.excludedPaths).toContainEqual({ path: '/*' });
      expect(policy.includedPaths.map((p) => p.path)).not.toContain('/history/*');
    }
  });

  it.each(Object.values(CONTAINERS))('infra/main.bicep indexes the same paths for $id', (def) => {
    const block = new RegExp(`name: '${def.id}'\\s+partitionKeyPath: '[^']+'\\s+indexedPaths: \\[([^\\]]*)\\]`).exec(bicep);
    expect(block).not.toBeNull();
    const paths = [...block![1]!.matchAll(/'([^']+)'/g)].map((m) => m[1]);
    expect(paths).toEqual([...def.indexed]);
  });
});
