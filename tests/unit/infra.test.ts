// With Entra auth the app cannot create containers, so every container the code uses must be
// declared in infra/main.bicep with the same partition key: this keeps the two from drifting apart.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTAINERS } from '../../src/adapters/cosmos/containers.js';

const bicep = readFileSync(new URL('../../infra/main.bicep', import.meta.url), 'utf8');
const declared = [...bicep.matchAll(/name: '([a-z-]+)'\s+partitionKeyPath: '([^']+)'/g)].map((m) => ({ id: m[1], partitionKey: m[2] }));

describe('infra/main.bicep', () => {
  it.each(Object.values(CONTAINERS))('declares container $id with partition key $partitionKey', (def) => {
    expect(declared).toContainEqual({ id: def.id, partitionKey: def.partitionKey });
  });

  it('declares no container the code does not use', () => {
    expect(declared.map((d) => d.id).sort()).toEqual(Object.values(CONTAINERS).map((c) => c.id).sort());
  });
});

describe('infra/main.bicep backup', () => {
  it('keeps continuous backup (point-in-time restore) on the serverless Cosmos DB account, 7-day tier', () => {
    const account = /resource cosmosAccount [\s\S]*?\n\}\n/.exec(bicep)![0];
    expect(account).toContain("name: 'EnableServerless'");
    expect(account).toMatch(/backupPolicy: \{\s+type: 'Continuous'\s+continuousModeProperties: \{\s+tier: 'Continuous7Days'\s+\}/);
  });
});
