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
 *   node bench/lint.js --bb-alt /tmp/other/bin/bb.js   (another build, e.g. the commit before, in the same run)
 * The tools run round-robin (run 1 of each, run 2 of each, …) so that a change in the machine's load
 * hits them alike.
 * Writes bench/results/lint-<time>.json and lint-latest.json.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { machine } from './lib/machine.js';
import { run, tail } from './lib/proc.js';
import { writeResults } from './lib/results.js';
import { formatKb, formatMs, formatRatio, pairedRatio, summary } from './lib/stats.js';
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
const BB_ALT = args.includes('--bb-alt') ? resolve(args[args.indexOf('--bb-alt') + 1]) : undefined;

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

  /** Every tool's runs, round-robin; a tool is { label, command, argv }. */
  const measureAll = async (tools) => {
    const runs = new Map(tools.map((t) => [t.label, []]));
    for (let i = 0; i < RUNS; i++) {
      for (const t of i % 2 ? [...tools].reverse() : tools) {
        const r = await run(t.command, t.argv, { cwd: work });
        if (r.code !== 0 && r.code !== 1 && !(t.label === 'squawk' && r.code < 128)) throw new Error(`${t.label} failed (exit ${r.code}): ${tail(r)}`);
        if (t.label.startsWith('bb') && /"ruleId": "(syntax|rule-error)"/.test(r.stdout)) throw new Error(`${t.label}: syntax or rule-error findings in the corpus`);
        runs.get(t.label).push(r);
      }
    }
    return tools.map((t) => {
      const rs = runs.get(t.label);
      const wall = summary(rs.map((r) => r.wallMs));
      const cpu = rs.every((r) => typeof r.cpuMs === 'number') ? summary(rs.map((r) => r.cpuMs)) : undefined;
      const rss = Math.max(...rs.map((r) => r.peakRssKb ?? 0)) || null;
      return { label: t.label, wallMs: wall, runsMs: rs.map((r) => r.wallMs), ...(cpu ? { cpuMs: cpu } : {}), peakRssKb: rss, statementsPerSecond: statements / (wall.median / 1000) };
    });
  };

  const bbArgs = (bin) => [bin, 'lint', 'big.sql', '--format', 'json'];
  const tools = [
    { label: 'bb lint', command: process.execPath, argv: bbArgs(BB) },
    ...(BB_ALT ? [{ label: 'bb lint (alt build)', command: process.execPath, argv: bbArgs(BB_ALT) }] : []),
    { label: 'squawk', command: SQUAWK, argv: ['big.sql', '--reporter', 'json'] },
  ];
  const loadBefore = loadavg()[0];
  const bigRows = await measureAll(tools);
  const bbBig = bigRows[0];
  const squawkBig = bigRows[bigRows.length - 1];
  const smallTools = [{ label: 'bb lint small.sql', command: process.execPath, argv: [BB, 'lint', 'small.sql'] }, ...(BB_ALT ? [{ label: 'bb lint small.sql (alt build)', command: process.execPath, argv: [BB_ALT, 'lint', 'small.sql'] }] : [])];
  const smallRuns = new Map(smallTools.map((t) => [t.label, []]));
  for (let i = 0; i < Math.max(RUNS, 5); i++) for (const t of i % 2 ? [...smallTools].reverse() : smallTools) smallRuns.get(t.label).push((await run(t.command, t.argv, { cwd: work })).wallMs);
  const smallWall = summary(smallRuns.get('bb lint small.sql'));
  const loadAfter = loadavg()[0];

  console.log('');
  console.log(renderTable(
    ['tool', 'statements', 'wall (median)', 'min – max', 'CPU (median)', 'statements/s', 'peak RSS'],
    bigRows.map((r) => [r.label, String(statements), formatMs(r.wallMs.median), `${formatMs(r.wallMs.min)} – ${formatMs(r.wallMs.max)}`, r.cpuMs ? formatMs(r.cpuMs.median) : '-', Math.round(r.statementsPerSecond).toLocaleString('en-US'), formatKb(r.peakRssKb)]),
    { align: ['left', 'right', 'right', 'right', 'right', 'right', 'right'] },
  ));
  console.log('');
  // Throughput is statements per time: squawk's time over bb's, per round (the ratio of the medians beside it).
  const paired = pairedRatio(squawkBig.runsMs, bbBig.runsMs);
  console.log(`bb throughput vs squawk: ${formatRatio(paired)} paired, ${formatRatio(bbBig.statementsPerSecond / squawkBig.statementsPerSecond)} from the medians (goal: > 1.00×)`);
  console.log(`bb lint small.sql, cold: median ${formatMs(smallWall.median)}, min ${formatMs(smallWall.min)} over ${smallWall.runs} runs (goal: < 300 ms)`);
  if (BB_ALT) {
    const alt = summary(smallRuns.get('bb lint small.sql (alt build)'));
    console.log(`bb lint small.sql, alt build: median ${formatMs(alt.median)}, min ${formatMs(alt.min)}`);
  }
  console.log(`load average: ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)}`);
  const { latest } = writeResults('lint', {
    machine: machine(), statements, runs: RUNS, loadAverage: [loadBefore, loadAfter],
    big: Object.fromEntries(bigRows.map((r) => [r.label, r])), small: Object.fromEntries([...smallRuns].map(([k, v]) => [k, { wallMs: summary(v) }])),
  });
  console.log(`\nwrote ${latest}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
