// The README's first command must work on a machine whose npm says yes=false (issue 9.1):
// botbuilder-dialogs' install script runs `npx rimraf`, which npx refuses to fetch without "yes".
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

describe('npm set-up', () => {
  it('the project .npmrc lets npx fetch install-script tools even when the user config says yes=false', () => {
    const userconfig = join(mkdtempSync(join(tmpdir(), 'npmrc-')), '.npmrc');
    writeFileSync(userconfig, 'yes=false\n');
    const env: NodeJS.ProcessEnv = { ...process.env, npm_config_userconfig: userconfig };
    for (const key of Object.keys(env)) if (key.toLowerCase() === 'npm_config_yes') delete env[key];
    const yes = execFileSync('npm', ['config', 'get', 'yes'], { cwd: root, env, encoding: 'utf8' }).trim();
    expect(yes).toBe('true');
  });

  it('.ci/run sets nothing a newcomer lacks', () => {
    const ci = readFileSync(join(root, '.ci', 'run'), 'utf8');
    expect(ci).not.toMatch(/^\s*export\s/m);
    expect(ci).not.toMatch(/npm_config_/);
    expect(ci).toMatch(/npm install/);
    expect(ci).toMatch(/npm test/);
  });
});
