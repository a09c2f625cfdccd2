/**
 * bb lint vs squawk-cli on one big PostgreSQL file, plus the cold start of `bb lint` on a small file.
 *
 * - big: every file of ../shared/corpora/postgres/{kratos,harbor}, concatenated in order and repeated
 *   until the file holds at least 10,000 statements. Both tools lint it as one file from a fresh
 *   process: statements per second (statements / wall time) and the peak RSS of the process.
 *   bb runs its recommended preset (`bb lint big.sql --format json`), squawk its default rules
 *   (`squawk big.sql --reporter json`). Both exit non-zero (they find things); that is expected.
 * - small: `bb lint small.sql` (a 3-statement migration) from a fresh process, N runs: the wall time a
 *   pre-commit hook adds. Goal: under 300 ms.
 *
 *   npm run bench:lint                          (builds first)
 *   node bench/lint.js [--runs 5] [--min-statements 10000]
 * Writes bench/results/lint-<time>.json and lint-latest.json.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { machine } from './lib/machine.js';
import { run, tail } from './lib/proc.js';
import { writeResults } from './lib/results.js';
import { formatKb, formatMs, formatRatio, summary } from './lib/stats.js';
import { renderTable } from './lib/table.js';

const ROOT = resolve(import.meta.dirname, '..');
const CORPORA = resolve(ROOT, '../shared/corpora/postgres');
const BB = join(ROOT, 'bin/bb.js');
const SQUAWK = join(ROOT, 'node_modules/.bin/squawk');

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const RUNS = opt('runs', 5);
const MIN_STATEMENTS = opt('min-statements', 10_000);

const { splitPostgres } = await import(join(ROOT, 'dist/engines/postgres/split.js'));

/** The corpus once: every statement of every file, each ended with ";" (some files omit the last one). */
function corpus() {
  const parts = [];
  for (const set of ['kratos', 'harbor']) {
    const dir = join(CORPORA, set);
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.sql')).sort()) {
      for (const s of splitPostgres(readFileSync(join(dir, f), 'utf8').replace(/\r\n?/g, '\n'))) parts.push(/;\s*$/.test(s.text) ? s.text : `${s.text};`);
    }
  }
  return `${parts.join('\n')}\n`;
}

const work = mkdtempSync(join(tmpdir(), 'bb-bench-lint-'));
try {
  const once = corpus();
  const perCopy = splitPostgres(once).length;
  const copies = Math.ceil(MIN_STATEMENTS / perCopy);
  const big = Array.from({ length: copies }, () => once).join('\n');
  const statements = splitPostgres(big).length;
  writeFileSync(join(work, 'big.sql'), big);
  writeFileSync(join(work, 'small.sql'), 'CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL);\nCREATE INDEX accounts_email ON accounts (email);\nALTER TABLE accounts ADD COLUMN note text;\n');
  console.log(`big.sql: ${statements} statements (${copies} copies of ${perCopy}), ${(big.length / 1024 / 1024).toFixed(1)} MB`);

  const measure = async (label, command, argv) => {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await run(command, argv, { cwd: work });
      if (r.code !== 0 && r.code !== 1 && !(label === 'squawk' && r.code < 128)) throw new Error(`${label} failed (exit ${r.code}): ${tail(r)}`);
      if (label.startsWith('bb') && /"ruleId": "(syntax|rule-error)"/.test(r.stdout)) throw new Error(`${label}: syntax or rule-error findings in the corpus`);
      runs.push(r);
    }
    const wall = summary(runs.map((r) => r.wallMs));
    const rss = Math.max(...runs.map((r) => r.peakRssKb ?? 0)) || null;
    return { label, wallMs: wall, peakRssKb: rss, statementsPerSecond: statements / (wall.median / 1000) };
  };

  const bbBig = await measure('bb lint', process.execPath, [BB, 'lint', 'big.sql', '--format', 'json']);
  const squawkBig = await measure('squawk', SQUAWK, ['big.sql', '--reporter', 'json']);
  const small = [];
  for (let i = 0; i < Math.max(RUNS, 5); i++) small.push((await run(process.execPath, [BB, 'lint', 'small.sql'], { cwd: work })).wallMs);
  const smallWall = summary(small);

  console.log('');
  console.log(renderTable(
    ['tool', 'statements', 'wall (median)', 'statements/s', 'peak RSS'],
    [bbBig, squawkBig].map((r) => [r.label, String(statements), formatMs(r.wallMs.median), Math.round(r.statementsPerSecond).toLocaleString('en-US'), formatKb(r.peakRssKb)]),
    { align: ['left', 'right', 'right', 'right', 'right'] },
  ));
  console.log('');
  console.log(`bb throughput vs squawk: ${formatRatio(bbBig.statementsPerSecond / squawkBig.statementsPerSecond)} (goal: > 1.00×)`);
  console.log(`bb lint small.sql, cold: median ${formatMs(smallWall.median)}, min ${formatMs(smallWall.min)} over ${smallWall.runs} runs (goal: < 300 ms)`);
  const { latest } = writeResults('lint', { machine: machine(), statements, runs: RUNS, big: { bb: bbBig, squawk: squawkBig }, small: { wallMs: smallWall } });
  console.log(`\nwrote ${latest}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
