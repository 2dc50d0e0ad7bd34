// The rule that keeps exceljs out of the bot's start-up (.dependency-cruiser.cjs,
// `excel-writer-loads-lazily`): checked on a small copy of src/ in a temporary folder that makes the
// mistake once and does it right once, the way lazy-loading-rules.test.ts checks the local database's rules.

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

it('refuses a static import of exceljs or of the .xlsx writer, and allows import() of the writer', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kerneopgave-depcruise-export-'));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  for (const f of ['tsconfig.json', '.dependency-cruiser.cjs']) copyFileSync(path.join(ROOT, f), path.join(dir, f));
  mkdirSync(path.join(dir, 'src', 'adapters', 'export'), { recursive: true });
  const files: Record<string, string> = {
    'src/adapters/export/catalogue-xlsx.ts': `import ExcelJS from 'exceljs';\nexport const make = () => new ExcelJS.Workbook();\n`,
    'src/eager.ts': `import ExcelJS from 'exceljs';\nimport { make } from './adapters/export/catalogue-xlsx.js';\nexport const all = [ExcelJS, make];\n`,
    'src/lazy.ts': `export const load = async () => (await import('./adapters/export/catalogue-xlsx.js')).make;\n`,
  };
  for (const [file, source] of Object.entries(files)) writeFileSync(path.join(dir, file), source);
  const depcruise = path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  const run = spawnSync(process.execPath, [depcruise, 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], { cwd: dir, encoding: 'utf8' });
  const report = JSON.parse(run.stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  const found = report.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to.replace(/.*node_modules\//, '')}`);
  expect([...found].sort()).toEqual(['excel-writer-loads-lazily: src/eager.ts → exceljs/excel.js', 'excel-writer-loads-lazily: src/eager.ts → src/adapters/export/catalogue-xlsx.ts']);
});
