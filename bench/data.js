#!/usr/bin/env node
/**
 * npm run bench:data: bb's data tasks against the tools they stand in for, on one local PostgreSQL
 * table of 1,000,000 rows (issue #9):
 *   - bb query --format csv --limit 0 (masking off, then on) against psql's \copy (…) TO STDOUT CSV;
 *   - bb backup against pg_dump -Fc, bb restore --into against createdb + pg_restore (same flags);
 * wall time (median of N runs) and peak RSS of the process tree. Prints a table, checks the goals on
 * the median of the per-run ratios
 * (query ≤ 2× psql and < 200 MB; backup/restore ≤ 1.1× the tool; masking ≤ +20 %), writes JSON to
 * bench/results/data-*.json and the table to bench/DATA.md.
 *
 * Usage: node bench/data.js [--rows N] [--runs N (default 7)] [--keep] [--bb-alt <other checkout>/bin/bb.js]
 * Seven runs by default: on a shared 2-core machine one tool's time alone varies by ±15 % between runs,
 * and backup and restore are judged against a line (1.1×) that a median of three flips across.
 * --bb-alt adds a row per bb task for another build (a branch, the commit before), in the same runs.
 */
import { mkdtempSync, rmSync, writeFileSync, readdirSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { machine } from './lib/machine.js';
import { databaseUrl, dropDatabase, query, recreateDatabase, serverVersion } from './lib/pg.js';
import { run, tail } from './lib/proc.js';
import { writeResults } from './lib/results.js';
import { formatKb, formatMs, formatRatio, median, pairedRatio } from './lib/stats.js';
import { renderTable } from './lib/table.js';

const ROOT = resolve(import.meta.dirname, '..');
const BB = join(ROOT, 'bin/bb.js');
const DB = 'bb_bench_data';
const GOALS = { queryRatio: 2, queryRssMb: 200, toolRatio: 1.1, maskingOverhead: 0.2 };

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '7' }, keep: { type: 'boolean', default: false }, 'bb-alt': { type: 'string' }, help: { type: 'boolean', default: false } } });
if (values.help) {
  console.log('Usage: node bench/data.js [--rows N] [--runs N] [--keep] [--bb-alt <path to another bin/bb.js>]   (npm run bench:data builds first)');
  process.exit(0);
}
const ROWS = Number(values.rows);
const RUNS = Number(values.runs);
const ALT = values['bb-alt'] ? resolve(values['bb-alt']) : undefined;
const ALT_SUFFIX = ' (alt build)';
/** Node's own start: part of every bb command's fixed cost, and what no change to bb can remove. */
const NODE_START = 'node -e 0 (Node\'s bare start)';

const url = await recreateDatabase(DB);
console.error(`creating ${ROWS.toLocaleString('en')} rows in ${DB} …`);
await query(url, `CREATE TABLE people (id bigint PRIMARY KEY, name text NOT NULL, email text NOT NULL, phone text, score numeric(10,2), created timestamptz NOT NULL)`);
await query(url, `INSERT INTO people SELECT g, 'name ' || g, 'user' || g || '@example.com', '+1 555 ' || lpad((g % 10000)::text, 4, '0'), (g % 1000) / 7.0, timestamptz '2024-01-01' + g * interval '1 second' FROM generate_series(1, ${ROWS}) g`);
await query(url, 'ANALYZE people');

const dir = mkdtempSync(join(tmpdir(), 'bb-bench-data-'));
mkdirSync(join(dir, 'migrations'));
writeFileSync(join(dir, 'bb.config.yaml'), `databases:
  app:
    engine: postgres
    migrations: migrations
    masking:
      - { column: "*.email", method: full }
      - { column: people.phone, method: partial, keep: 4 }
audit: { file: audit.jsonl }
backups: { dir: backups }
environments:
  - name: masked
    targets: { app: "${url}" }
  - name: plain
    masking: false
    targets: { app: "${url}" }
`);
const SQL = 'SELECT * FROM people';
const restored = [];

/** @type {Record<string, { wallMs: number[], rssKb: number[] }>} */
const results = {};
async function measure(name, command, args, options = {}) {
  const r = await run(command, args, { cwd: dir, timeoutMs: 30 * 60_000, ...options });
  if (r.code !== 0) throw new Error(`${name} failed (exit ${r.code}): ${tail(r, 5)}`);
  (results[name] ??= { wallMs: [], rssKb: [] }).wallMs.push(r.wallMs);
  if (r.peakRssKb !== null) results[name].rssKb.push(r.peakRssKb);
  return r;
}

/** Runs the tasks of one group in an order rotated each run, so none always runs first (right after the previous group's load) or last. */
async function rotated(i, tasks) {
  for (let k = 0; k < tasks.length; k++) await tasks[(k + i) % tasks.length]();
}

try {
  for (let i = 0; i < RUNS; i++) {
    console.error(`run ${i + 1}/${RUNS} …`);
    const bbs = [['', BB], ...(ALT ? [[ALT_SUFFIX, ALT]] : [])];
    const out = {};
    await rotated(i, [
      async () => (out.psql = await measure('psql \\copy CSV', 'psql', [url, '-X', '-q', '-c', `\\copy (${SQL}) TO STDOUT CSV HEADER`])),
      ...bbs.flatMap(([suffix, bb]) => [
        async () => (out[`plain${suffix}`] = await measure(`bb query csv (no masking)${suffix}`, process.execPath, [bb, 'query', '--env', 'plain', '--format', 'csv', '--limit', '0', SQL])),
        async () => (out[`masked${suffix}`] = await measure(`bb query csv (masking)${suffix}`, process.execPath, [bb, 'query', '--env', 'masked', '--format', 'csv', '--limit', '0', SQL])),
      ]),
    ]);
    if (i === 0 && (out.psql.stdout.length === 0 || out.plain.stdout !== out.psql.stdout || out.masked.stdout.includes('@example.com'))) throw new Error('query outputs look wrong (bb without masking must print what psql prints)');
    const dump = join(dir, `pg_dump-${i}.dump`);
    await measure(NODE_START, process.execPath, ['-e', '0']);
    await rotated(i, [
      () => measure('pg_dump -Fc', 'pg_dump', ['--format=custom', '--no-password', `--file=${dump}`, `--dbname=${url}`]),
      ...bbs.map(([suffix, bb]) => () => measure(`bb backup${suffix}`, process.execPath, [bb, 'backup', '--env', 'plain', '--quiet'])),
    ]);
    const backupId = readdirSync(join(dir, 'backups')).filter((f) => f.endsWith('.manifest.json')).sort().pop().replace('.manifest.json', '');
    const direct = `${DB}_r_pg_${i}`;
    restored.push(direct);
    await rotated(i, [
      () => measure('createdb + pg_restore', 'sh', ['-c', `createdb -h 127.0.0.1 -U postgres ${direct} && pg_restore --single-transaction --exit-on-error --no-owner --no-password --dbname=${JSON.stringify(databaseUrl(direct))} ${JSON.stringify(dump)}`]),
      ...bbs.map(([suffix, bb], n) => async () => {
        const into = `${DB}_r_bb${n}_${i}`;
        restored.push(into);
        await measure(`bb restore --into${suffix}`, process.execPath, [bb, 'restore', '--env', 'plain', '--from', backupId, '--into', into, '--quiet']);
      }),
    ]);
    for (const name of restored.splice(0)) await dropDatabase(name);
  }
} finally {
  for (const name of restored) await dropDatabase(name).catch(() => undefined);
  if (!values.keep) {
    await dropDatabase(DB).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

const med = (name) => median(results[name].wallMs);
const paired = (name, base) => pairedRatio(results[name].wallMs, results[base].wallMs);
const rss = (name) => (results[name].rssKb.length ? Math.max(...results[name].rssKb) : null);
const pairs = [
  ['psql \\copy CSV', 'psql \\copy CSV'],
  ['bb query csv (no masking)', 'psql \\copy CSV'],
  ['bb query csv (masking)', 'psql \\copy CSV'],
  [NODE_START, undefined],
  ['pg_dump -Fc', 'pg_dump -Fc'],
  ['bb backup', 'pg_dump -Fc'],
  ['createdb + pg_restore', 'createdb + pg_restore'],
  ['bb restore --into', 'createdb + pg_restore'],
].flatMap((pair) => (ALT && pair[0].startsWith('bb ') ? [pair, [pair[0] + ALT_SUFFIX, pair[1]]] : [pair]));
const table = renderTable(['task', 'median wall', 'vs tool', 'vs tool, paired', 'peak RSS'], pairs.map(([name, base]) => [name, formatMs(med(name)), base ? formatRatio(med(name) / med(base)) : '–', base ? formatRatio(paired(name, base)) : '–', rss(name) === null ? '–' : formatKb(rss(name))]), { align: ['left', 'right', 'right', 'right', 'right'] });
const queryRatio = paired('bb query csv (no masking)', 'psql \\copy CSV');
const queryRss = Math.max(rss('bb query csv (no masking)') ?? 0, rss('bb query csv (masking)') ?? 0) / 1024;
const backupRatio = paired('bb backup', 'pg_dump -Fc');
const restoreRatio = paired('bb restore --into', 'createdb + pg_restore');
const masking = paired('bb query csv (masking)', 'bb query csv (no masking)') - 1;
const goals = [
  [`bb query within ${GOALS.queryRatio}× psql`, `${queryRatio.toFixed(2)}×`, queryRatio <= GOALS.queryRatio],
  [`bb query peak RSS under ${GOALS.queryRssMb} MB`, `${queryRss.toFixed(0)} MB`, queryRss < GOALS.queryRssMb],
  [`bb backup within ${GOALS.toolRatio}× pg_dump`, `${backupRatio.toFixed(2)}×`, backupRatio <= GOALS.toolRatio],
  [`bb restore within ${GOALS.toolRatio}× pg_restore`, `${restoreRatio.toFixed(2)}×`, restoreRatio <= GOALS.toolRatio],
  [`masking costs under ${GOALS.maskingOverhead * 100} %`, `${(masking * 100).toFixed(1)} %`, masking < GOALS.maskingOverhead],
];
const goalTable = renderTable(['goal', 'measured', 'met'], goals.map(([g, m, ok]) => [g, m, ok ? 'yes' : 'NO']));
const signedMs = (ms) => (ms < 0 ? `−${formatMs(-ms)}` : `+${formatMs(ms)}`);
const fixedCost = `bb's cost over the tool it runs: backup ${signedMs(med('bb backup') - med('pg_dump -Fc'))}, restore ${signedMs(med('bb restore --into') - med('createdb + pg_restore'))}; Node's bare start: ${formatMs(med(NODE_START))}${process.env.NODE_EXTRA_CA_CERTS ? ' (NODE_EXTRA_CA_CERTS is set on this machine: Node reads those certificates at every start)' : ''}.`;
/** Everything from "## Notes (by hand)" on in the current DATA.md: a re-run replaces the table above it, not the notes. */
function handNotes() {
  try {
    const text = readFileSync(join(ROOT, 'bench/DATA.md'), 'utf8');
    const at = text.indexOf('\n## Notes (by hand)');
    return at === -1 ? '' : text.slice(at);
  } catch {
    return '';
  }
}
const m = machine();
const version = await serverVersion().catch(() => '?');
console.log(`${table}\n\n${goalTable}\n\n${fixedCost}`);
const saved = writeResults('data', { rows: ROWS, runs: RUNS, ...(ALT ? { alt: ALT } : {}), machine: m, postgres: version, results, goals: goals.map(([goal, measured, met]) => ({ goal, measured, met })) });
writeFileSync(join(ROOT, 'bench/DATA.md'), `# bench:data — bb query, backup and restore against psql, pg_dump and pg_restore

\`npm run bench:data\` (bench/data.js): one PostgreSQL table of ${ROWS.toLocaleString('en')} rows
(\`people\`: bigint key, three text columns, numeric, timestamptz), ${RUNS} runs of each task in the same
run; median wall time, and peak RSS of the process tree (sampled from /proc every 10 ms). "vs tool" is
the ratio of the two medians; "vs tool, paired" (what the goals are judged on) is the median of each
run's own ratio, the two measured one after the other, so that the shared machine's changes of speed
between runs cancel out.

- query: \`bb query --format csv --limit 0 "SELECT * FROM people"\` (environment with masking off, then
  with \`*.email\` full and \`people.phone\` partial) against \`psql -c "\\copy (SELECT * FROM people) TO STDOUT CSV HEADER"\`.
  Both write to a pipe the harness reads.
- backup: \`bb backup\` (pg_dump -Fc, then SHA-256 and manifest) against \`pg_dump -Fc\`.
- restore: \`bb restore --into <new>\` (checksum check, CREATE DATABASE, pg_restore --single-transaction
  --exit-on-error --no-owner) against \`createdb\` + \`pg_restore\` with the same flags.

${ALT ? `Rows marked "(alt build)" ran ${ALT} in the same runs (the goals are judged on this checkout's bb).\n\n` : ''}Measured ${new Date().toISOString().slice(0, 10)} on ${m.cpuModel} (${m.cores} cores, ${m.memoryGb} GB, load ${m.loadavg.join(' ')}), ${m.node},
PostgreSQL ${version}. The machine is shared with other work: compare ratios within one run, not
absolute times across runs.

\`\`\`
${table}

${goalTable}
\`\`\`

${fixedCost}

Raw numbers: in the measuring checkout's bench/results/${saved.file.split('/').pop()} (git-ignored: each run's JSON stays on the machine that ran it).
${handNotes()}`);
console.error(`wrote bench/DATA.md and ${saved.file}`);
