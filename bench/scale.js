/**
 * Scale: reading, validating and planning a folder of N migrations (default 5,000) against a history
 * of N rows must stay linear and well under a second (peers take tens of seconds at 4,400 scripts).
 * Measures the library path (read folder → split every file → plan) and the CLI path (`bb plan` on a
 * PGlite database where all N are applied). Run: npm run bench:scale [-- --files N]
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { renderTable } from './lib/table.js';
import { writeResults } from './lib/results.js';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const N = Number(args[args.indexOf('--files') + 1] || 5000) || 5000;

const { readMigrationDir } = await import(join(ROOT, 'dist/src/migrations/dir.js'));
const { analyze } = await import(join(ROOT, 'dist/src/plan/analysis.js'));
const { planTarget } = await import(join(ROOT, 'dist/src/plan/plan.js'));
const { loadEngine } = await import(join(ROOT, 'dist/src/engine.js'));

const dir = mkdtempSync(join(tmpdir(), 'bb-bench-scale-'));
mkdirSync(join(dir, 'migrations'));
for (let i = 1; i <= N; i++) {
  writeFileSync(join(dir, 'migrations', `${String(i).padStart(5, '0')}_t${i}.sql`), `CREATE TABLE t${i} (id bigint PRIMARY KEY, name text NOT NULL);\nCREATE INDEX t${i}_name ON t${i} (name);\n`);
}
writeFileSync(join(dir, 'bb.config.yaml'), 'databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n      app: pglite://.bb/dev/app\n');

const rows = [];
const time = async (label, fn) => {
  const t = performance.now();
  const value = await fn();
  const ms = performance.now() - t;
  rows.push([label, `${ms.toFixed(0)} ms`]);
  return value;
};

const engine = await loadEngine('postgres');
const migrations = await time(`read folder (${N} files)`, () => readMigrationDir({ database: 'app', engine: 'postgres', path: join(dir, 'migrations'), projectRoot: dir }));
const analysis = await time(`split every file (${N * 2} statements)`, () => analyze(migrations, engine));
const history = migrations.files.map((f) => ({ version: f.key, name: f.name, kind: 'versioned', path: f.path, checksum: f.checksum, status: 'done', applied: 2, total: 2, statementHashes: [], retry: false, startedAt: '', by: '', bbVersion: '', environment: 'dev' }));
await time(`plan against ${N} history rows`, () => planTarget({ dir: migrations, analysis, target: { environment: 'dev', database: 'app', id: 'dev/app', url: '' }, rows: history, allowOutOfOrder: false, transactionalDdl: true }));

const bb = (cmd) => {
  const t = performance.now();
  execFileSync(process.execPath, [join(ROOT, 'bin/bb.js'), ...cmd], { cwd: dir, stdio: 'pipe' });
  return performance.now() - t;
};
const migrateMs = bb(['migrate', '--env', 'dev']);
rows.push([`bb migrate: apply ${N} migrations (PGlite)`, `${(migrateMs / 1000).toFixed(1)} s`]);
const planMs = Math.min(bb(['plan', '--env', 'dev']), bb(['plan', '--env', 'dev']));
rows.push([`bb plan, ${N} applied (PGlite, cold process)`, `${planMs.toFixed(0)} ms`]);
const nodeMs = Math.min(...[0, 1, 2].map(() => { const t = performance.now(); execFileSync(process.execPath, ['-e', '0']); return performance.now() - t; }));
rows.push(['node -e 0 (for reference)', `${nodeMs.toFixed(0)} ms`]);

console.log(renderTable(['step', 'time'], rows, { align: ['left', 'right'] }));
const { latest } = writeResults('scale', { files: N, rows });
console.log(`\nresults: ${latest}`);
rmSync(dir, { recursive: true, force: true });
