#!/usr/bin/env node
/**
 * npm run bench:migrate: applies ../shared/corpora/postgres/kratos (346 files) to fresh local PostgreSQL
 * databases with bb, dbmate, node-pg-migrate and one plain psql session, N times each, in the same run,
 * and prints one table (median wall time, ratio to psql, peak RSS) plus bb's start-up cost
 * (`bb --version`, `bb plan`) against `node -e 0`. Writes JSON to bench/results/. See bench/README.md.
 *
 * Usage: node bench/migrate.js [--runs N] [--startup-runs N] [--tools psql,bb,dbmate,npm,npm-tx]
 *                              [--bb-alt path/to/other/bin/bb.js] [--keep] [--cpu-prof]
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { expectedTables, readCorpus } from './lib/corpus.js';
import { machine } from './lib/machine.js';
import { databaseUrl, diffFingerprints, dropDatabase, query, recreateDatabase, schemaFingerprint, serverVersion } from './lib/pg.js';
import { run, tail } from './lib/proc.js';
import { RESULTS_DIR, writeResults } from './lib/results.js';
import { formatKb, formatMs, formatRatio, median } from './lib/stats.js';
import { renderTable } from './lib/table.js';

const ROOT = resolve(import.meta.dirname, '..');
const CORPUS = resolve(ROOT, '../shared/corpora/postgres/kratos');
/** This checkout's bb; main() points it at a snapshot of the build (see snapshotBuild). */
let BB = join(ROOT, 'bin/bb.js');
const DBMATE = join(ROOT, 'node_modules/.bin/dbmate');
const NODE_PG_MIGRATE = join(ROOT, 'node_modules/.bin/node-pg-migrate');
/** Each tool's own bookkeeping (history tables and their sequences), left out of schema comparisons. */
const TOOL_TABLES = /^(bb_|schema_migrations|pgmigrations)/;
const GOAL_PSQL_RATIO = 1.5;
const RUN_TIMEOUT_MS = 10 * 60_000;

const USAGE = `Usage: node bench/migrate.js [options]   (npm run bench:migrate builds first)

  --runs N           runs per tool (default 3); the table shows the median
  --startup-runs N   runs of node -e 0 / bb --version / bb plan (default 10)
  --tools LIST       comma-separated subset of: psql,bb,dbmate,npm,npm-tx (default all)
  --bb-alt PATH      also run another build of bb (its bin/bb.js) as row "bb-alt", e.g. a branch
                     checked out and built elsewhere; the goals stay on this checkout's bb
  --keep             keep the bb_bench_* databases and the temp folder afterwards
  --cpu-prof         also write a V8 CPU profile of each bb migrate run to bench/results/cpu/
  --help             this text

PostgreSQL: BB_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres).`;

/**
 * @typedef {object} Tool
 * @property {string} id
 * @property {string} label        as shown in the table
 * @property {string} how          what the run does, one line
 * @property {string} db           database name (bb_bench_*)
 * @property {(url: string) => { command: string, args: string[], env?: Record<string, string>, cwd: string, shown: string }} command
 * @property {(url: string) => Promise<string[]>} verify   tool-specific problems ([] when fine)
 */

/** bench/migrate-mysql.js's rows, printed as a second table; skipped (with a line saying why) when MariaDB is not there. */
async function mariadbRows(runs) {
  let out;
  try {
    const { benchMysql } = await import('./migrate-mysql.js');
    out = await benchMysql({ runs });
  } catch (error) {
    return { text: `MariaDB row skipped: ${error instanceof Error ? error.message : String(error)}`, json: { skipped: String(error) } };
  }
  const base = out.results['mariadb (1 session)'].wallMs.median;
  const rows = Object.entries(out.results).map(([name, r]) => [name, formatMs(r.wallMs.median), `${formatMs(r.wallMs.min)} – ${formatMs(r.wallMs.max)}`, `${(r.wallMs.median / base).toFixed(2)}×`, formatKb(r.peakRssKb)]);
  const title = `MariaDB ${out.server}: kratos (MySQL files), first ${out.files} files, sql_mode '', ${out.runs} run(s) each; same schema: ${out.schema.tables} tables`;
  return { text: `${title}\n${renderTable(['tool', 'median', 'min – max', 'vs client', 'peak RSS'], rows, { align: ['left', 'right', 'right', 'right', 'right'] })}`, json: out };
}

async function main() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      'startup-runs': { type: 'string', default: '10' },
      tools: { type: 'string', default: 'psql,bb,dbmate,npm,npm-tx' },
      keep: { type: 'boolean', default: false },
      'bb-alt': { type: 'string' },
      'cpu-prof': { type: 'boolean', default: false },
      'no-mariadb': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const runs = positiveInt(values.runs, '--runs');
  const startupRuns = positiveInt(values['startup-runs'], '--startup-runs');
  const wanted = values.tools.split(',').map((t) => t.trim()).filter(Boolean);

  await preflight();
  const files = readCorpus(CORPUS);
  const tables = expectedTables(files);
  const work = mkdtempSync(join(tmpdir(), 'bb-bench-migrate-'));
  BB = snapshotBuild(work);
  const cpuDir = join(RESULTS_DIR, 'cpu');
  if (values['cpu-prof']) mkdirSync(cpuDir, { recursive: true });
  const bbAlt = values['bb-alt'] ? resolve(values['bb-alt']) : undefined;
  if (bbAlt && !existsSync(bbAlt)) throw new Error(`--bb-alt: ${bbAlt} does not exist`);
  const all = makeTools(files, work, values['cpu-prof'] ? cpuDir : undefined, bbAlt);
  if (bbAlt) wanted.push('bb-alt');
  const unknown = wanted.filter((w) => !all.some((t) => t.id === w));
  if (unknown.length > 0) throw new Error(`unknown tool(s) ${unknown.join(', ')}; known: ${all.map((t) => t.id).join(', ')}`);
  const tools = all.filter((t) => wanted.includes(t.id));

  const versions = await toolVersions(tools);
  const info = machine();
  const loadStart = info.loadavg;
  log(`bench:migrate: ${files.length} files from ${CORPUS}; ${runs} run(s) per tool; ${info.cores} cores, ${info.cpuModel}`);
  log(`work folder: ${work}`);

  /** @type {Map<string, { runs: { wallMs: number, peakRssKb: number | null }[], error: string | null, fingerprint: string[] | null }>} */
  const outcome = new Map(tools.map((t) => [t.id, { runs: [], error: null, fingerprint: null }]));
  try {
    for (let round = 0; round < runs; round++) {
      // rotate the order each round so no tool always runs first (cold caches) or last
      const order = tools.map((_, i) => tools[(i + round) % tools.length]);
      for (const tool of order) {
        if (!tool) continue;
        const state = /** @type {NonNullable<ReturnType<typeof outcome.get>>} */ (outcome.get(tool.id));
        if (state.error) continue; // a tool that could not apply the set once will not in the next round
        const url = await recreateDatabase(tool.db);
        const cmd = tool.command(url);
        const result = await run(cmd.command, cmd.args, { cwd: cmd.cwd, env: cmd.env ?? {}, timeoutMs: RUN_TIMEOUT_MS });
        const problems = [];
        if (result.timedOut) problems.push(`timed out after ${RUN_TIMEOUT_MS / 1000} s`);
        else if (result.code !== 0) problems.push(`exit ${result.code}: ${tail(result)}`);
        else {
          problems.push(...(await tool.verify(url)));
          problems.push(...(await checkTables(url, tables)));
        }
        if (problems.length > 0) {
          state.error = problems.join('; ');
          log(`  round ${round + 1}  ${tool.label.padEnd(44)} FAILED ${state.error}`);
          continue;
        }
        state.fingerprint ??= await schemaFingerprint(url, TOOL_TABLES);
        state.runs.push({ wallMs: result.wallMs, cpuMs: result.cpuMs, peakRssKb: result.peakRssKb });
        log(`  round ${round + 1}  ${tool.label.padEnd(44)} ${formatMs(result.wallMs).padStart(8)}  cpu ${formatMs(result.cpuMs ?? Number.NaN).padStart(7)}  ${formatKb(result.peakRssKb).padStart(7)}`);
      }
    }

    // every tool must leave the same schema as the plain psql session (or, without psql, as bb)
    const referenceId = outcome.get('psql')?.fingerprint ? 'psql' : outcome.get('bb')?.fingerprint ? 'bb' : null;
    const reference = referenceId ? outcome.get(referenceId)?.fingerprint ?? null : null;
    for (const tool of tools) {
      const state = outcome.get(tool.id);
      if (!state || state.error || !state.fingerprint || !reference || tool.id === referenceId) continue;
      const diff = diffFingerprints(reference, state.fingerprint);
      if (diff.length > 0) state.error = `schema differs from ${referenceId}'s in ${diff.length} line(s), e.g. ${diff.slice(0, 3).join(' / ')}`;
    }

    // start-up cost: bb --version and bb plan (on bb's migrated database) against node -e 0
    const startup = await measureStartup(tools, outcome, work, startupRuns);

    const report = buildReport({ files, tables, tools, outcome, startup, runs, startupRuns, versions, info: { ...machine(), loadStart }, referenceId });
    console.log(report.text);
    // The MariaDB row (issue #3): bb against one mariadb client session on the MySQL kratos files.
    const mariadb = values['no-mariadb'] ? undefined : await mariadbRows(runs);
    if (mariadb) console.log(`\n${mariadb.text}`);
    const written = writeResults('migrate', { ...report.json, ...(mariadb ? { mariadb: mariadb.json } : {}) });
    log(`\nJSON: ${written.file}\n      ${written.latest}`);
    return outcome.get('bb')?.error ? 1 : 0;
  } finally {
    if (!values.keep) {
      for (const tool of tools) await dropDatabase(tool.db).catch(() => {});
      rmSync(work, { recursive: true, force: true });
    }
  }
}

/**
 * The tools, each with its adapted copy of the corpus (where it needs one) under `work`.
 * @param {import('./lib/corpus.js').CorpusFile[]} files
 * @param {string} work
 * @param {string | undefined} cpuDir
 * @param {string | undefined} bbAlt  another build's bin/bb.js
 * @returns {Tool[]}
 */
function makeTools(files, work, cpuDir, bbAlt) {
  const n = files.length;
  const count = async (url, sql) => Number((await query(url, sql))[0]?.n ?? -1);
  const expectCount = (label, got) => (got === n ? [] : [`${label}: ${got} rows, expected ${n}`]);

  // bb: the corpus folder itself, through a generated config
  const bbDir = join(work, 'bb');
  mkdirSync(bbDir, { recursive: true });
  const bbConfig = (url) =>
    `# generated by bench/migrate.js\ndatabases:\n  kratos: { engine: postgres, migrations: ${JSON.stringify(CORPUS)} }\nenvironments:\n  - name: bench\n    targets:\n      kratos: ${JSON.stringify(url)}\n`;

  // dbmate: <version>_<name>.sql with a -- migrate:up header; CONCURRENTLY files opt out of the transaction
  const dbmateDir = join(work, 'dbmate', 'migrations');
  mkdirSync(dbmateDir, { recursive: true });
  for (const f of files) {
    const header = f.concurrently ? '-- migrate:up transaction:false' : '-- migrate:up';
    writeFileSync(join(dbmateDir, `${f.stem}.sql`), `${header}\n${f.sql}\n\n-- migrate:down\n`);
  }

  // node-pg-migrate: .sql files with its "-- Up Migration" marker; CONCURRENTLY files as .cjs wrappers
  // calling pgm.noTransaction() and pgm.sql() (a .sql migration cannot opt out of the transaction)
  const npmDir = join(work, 'node-pg-migrate', 'migrations');
  mkdirSync(npmDir, { recursive: true });
  for (const f of files) {
    if (f.concurrently) {
      writeFileSync(join(npmDir, `${f.stem}.cjs`), `exports.up = (pgm) => {\n  pgm.noTransaction();\n  pgm.sql(${JSON.stringify(f.sql)});\n};\n`);
    } else {
      writeFileSync(join(npmDir, `${f.stem}.sql`), `-- Up Migration\n${f.sql}\n`);
    }
  }
  const npmVerify = async (url) => {
    const rows = await query(url, 'SELECT name FROM pgmigrations ORDER BY id');
    const problems = expectCount('pgmigrations', rows.length);
    const order = rows.map((r) => String(r.name));
    const want = files.map((f) => f.stem);
    const firstOff = want.findIndex((name, i) => order[i] !== name);
    if (problems.length === 0 && firstOff >= 0) problems.push(`applied out of order at #${firstOff + 1}: ${order[firstOff]} (expected ${want[firstOff]})`);
    return problems;
  };
  const npm = (id, label, how, extra) => ({
    id,
    label,
    how,
    db: `bb_bench_${id.replace('-', '_')}`,
    command: (url) => ({
      command: NODE_PG_MIGRATE,
      args: ['up', '-m', npmDir, ...extra],
      env: { DATABASE_URL: url },
      cwd: join(work, 'node-pg-migrate'),
      shown: `node-pg-migrate up -m <adapted dir> ${extra.join(' ')}`.trimEnd(),
    }),
    verify: npmVerify,
  });

  /** bb (this checkout's, or another build's bin/bb.js), each with its own project folder and database. */
  const bbTool = (id, label, how, db, bin) => {
    const dir = id === 'bb' ? bbDir : join(work, id);
    mkdirSync(dir, { recursive: true });
    return {
      id,
      label,
      how,
      db,
      bin,
      command: (url) => {
        writeFileSync(join(dir, 'bb.config.yaml'), bbConfig(url));
        const prof = cpuDir ? ['--cpu-prof', '--cpu-prof-dir', cpuDir] : [];
        return { command: process.execPath, args: [...prof, bin, 'migrate', '--env', 'bench'], cwd: dir, shown: `node ${bin} migrate --env bench` };
      },
      verify: async (url) => expectCount('bb_migration_history (done)', await count(url, "SELECT count(*) AS n FROM bb_migration_history WHERE status = 'done'")),
    };
  };

  /** @type {Tool[]} */
  const tools = [
    {
      id: 'psql',
      label: 'psql (one session)',
      how: `psql -X -q -v ON_ERROR_STOP=1 -f <each of the ${n} files>: autocommit, no history table`,
      db: 'bb_bench_psql',
      command: (url) => ({
        command: 'psql',
        args: ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, ...files.flatMap((f) => ['-f', f.path])],
        cwd: work,
        shown: `psql -X -q -v ON_ERROR_STOP=1 -d <url> -f <${n} files>`,
      }),
      verify: async () => [],
    },
    bbTool('bb', 'bb migrate', 'node bin/bb.js migrate --env bench: lock, history rows, one transaction per migration', 'bb_bench_bb', BB),
    {
      id: 'dbmate',
      label: 'dbmate up',
      how: 'node_modules/.bin/dbmate (npm shim → Go binary) up --no-dump-schema: one transaction per migration',
      db: 'bb_bench_dbmate',
      command: (url) => {
        const u = new URL(url);
        u.searchParams.set('sslmode', 'disable');
        return {
          command: DBMATE,
          args: ['--migrations-dir', dbmateDir, '--no-dump-schema', 'up'],
          env: { DATABASE_URL: u.toString() },
          cwd: join(work, 'dbmate'),
          shown: 'dbmate --migrations-dir <adapted dir> --no-dump-schema up',
        };
      },
      verify: async (url) => expectCount('schema_migrations', await count(url, 'SELECT count(*) AS n FROM schema_migrations')),
    },
    ...(bbAlt ? [bbTool('bb-alt', `bb migrate (alt build)`, `${bbAlt} migrate --env bench`, 'bb_bench_bb_alt', bbAlt)] : []),
    npm('npm', 'node-pg-migrate up (defaults)', 'node-pg-migrate up: its default --single-transaction, one transaction for all (broken around the 2 noTransaction files)', []),
    npm('npm-tx', 'node-pg-migrate up --no-single-transaction', 'node-pg-migrate up --no-single-transaction: one transaction per migration, like bb and dbmate', ['--no-single-transaction']),
  ];
  return tools;
}

/**
 * Copies this checkout's build (bin, dist, package.json, schema) into the work folder, with
 * node_modules linked, the way an installed package is laid out, and returns its bin/bb.js: every bb
 * run in this benchmark then runs the same code even when someone rebuilds dist/ meanwhile.
 */
function snapshotBuild(work) {
  const root = join(work, 'bb-build');
  for (const entry of ['bin', 'dist', 'package.json', 'bb.config.schema.json']) {
    if (existsSync(join(ROOT, entry))) cpSync(join(ROOT, entry), join(root, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  return join(root, 'bin/bb.js');
}

/** The expected tables must all exist, and no others (tools' own tables aside). */
async function checkTables(url, expected) {
  const rows = await query(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
  const got = new Set(rows.map((r) => String(r.tablename)).filter((t) => !TOOL_TABLES.test(t)));
  const missing = expected.filter((t) => !got.has(t));
  const extra = [...got].filter((t) => !expected.includes(t));
  const problems = [];
  if (missing.length > 0) problems.push(`missing table(s): ${missing.join(', ')}`);
  if (extra.length > 0) problems.push(`unexpected table(s): ${extra.join(', ')}`);
  return problems;
}

/** node -e 0, bb --version and bb plan --env bench, interleaved, startupRuns times each. */
async function measureStartup(tools, outcome, work, startupRuns) {
  const bbOk = tools.some((t) => t.id === 'bb') && !outcome.get('bb')?.error && (outcome.get('bb')?.runs.length ?? 0) > 0;
  const cases = [
    { id: 'node', label: 'node -e 0', args: ['-e', '0'], cwd: work },
    { id: 'version', label: 'bb --version', args: [BB, '--version'], cwd: work },
  ];
  // the last bb migrate run left bb_bench_bb migrated and bb.config.yaml pointing at it
  if (bbOk) cases.push({ id: 'plan', label: 'bb plan --env bench (up to date)', args: [BB, 'plan', '--env', 'bench'], cwd: join(work, 'bb') });
  const results = new Map(cases.map((c) => [c.id, { runs: [], error: null }]));
  for (let i = 0; i < startupRuns; i++) {
    for (const c of cases) {
      const state = results.get(c.id);
      if (!state || state.error) continue;
      const r = await run(process.execPath, c.args, { cwd: c.cwd });
      if (r.code !== 0) state.error = `exit ${r.code}: ${tail(r)}`;
      else if (c.id === 'plan' && !/up to date/.test(r.stdout)) state.error = `plan did not report the database up to date: ${tail(r)}`;
      else state.runs.push({ wallMs: r.wallMs, cpuMs: r.cpuMs, peakRssKb: r.peakRssKb });
    }
  }
  log(`start-up: ${startupRuns} run(s) each of ${cases.map((c) => c.label).join(', ')}${bbOk ? '' : ' (bb plan skipped: no migrated bb database)'}`);
  return cases.map((c) => ({ ...c, ...results.get(c.id) }));
}

/** Median CPU of the runs that have it, NaN when none do. */
function medianCpu(runs) {
  return median(runs.map((r) => r.cpuMs).filter((v) => v !== null && v !== undefined));
}

function buildReport({ files, tables, tools, outcome, startup, runs, startupRuns, versions, info, referenceId }) {
  const med = (id) => {
    const s = outcome.get(id);
    return s && !s.error ? median(s.runs.map((r) => r.wallMs)) : Number.NaN;
  };
  const psqlMs = med('psql');
  const rows = tools.map((t) => {
    const s = /** @type {NonNullable<ReturnType<typeof outcome.get>>} */ (outcome.get(t.id));
    const walls = s.runs.map((r) => r.wallMs);
    const rss = s.runs.map((r) => r.peakRssKb).filter((v) => v !== null);
    const m = s.error ? Number.NaN : median(walls);
    return {
      id: t.id,
      label: t.label,
      how: t.how,
      version: versions[t.id] ?? null,
      ok: !s.error,
      error: s.error,
      runs: s.runs,
      medianMs: m,
      minMs: walls.length && !s.error ? Math.min(...walls) : Number.NaN,
      maxMs: walls.length && !s.error ? Math.max(...walls) : Number.NaN,
      ratioToPsql: m / psqlMs,
      cpuMs: s.error ? Number.NaN : medianCpu(s.runs),
      peakRssKb: rss.length ? Math.max(...rss) : null,
    };
  });
  const table = renderTable(
    ['tool', 'version', 'median', 'min – max', 'vs psql', 'client CPU', 'peak RSS', 'result'],
    rows.map((r) => [
      r.label,
      r.version ?? '-',
      formatMs(r.medianMs),
      r.ok ? `${formatMs(r.minMs)} – ${formatMs(r.maxMs)}` : '-',
      formatRatio(r.ratioToPsql),
      formatMs(r.cpuMs),
      formatKb(r.peakRssKb),
      r.ok ? `ok (${r.runs.length}/${runs})` : `FAILED: ${r.error}`,
    ]),
    { align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'] },
  );

  const nodeMs = median((startup.find((s) => s.id === 'node')?.runs ?? []).map((r) => r.wallMs));
  const startupRows = startup.map((s) => {
    const walls = s.runs.map((r) => r.wallMs);
    const rss = s.runs.map((r) => r.peakRssKb).filter((v) => v !== null);
    const m = s.error ? Number.NaN : median(walls);
    const cpu = s.error ? Number.NaN : medianCpu(s.runs);
    return { id: s.id, label: s.label, ok: !s.error, error: s.error, runs: s.runs, medianMs: m, ratioToNode: m / nodeMs, overNodeMs: m - nodeMs, cpuMs: cpu, peakRssKb: rss.length ? Math.max(...rss) : null };
  });
  const startupTable = renderTable(
    ['command', 'median', 'vs node -e 0', 'over node', 'CPU', 'peak RSS', 'result'],
    startupRows.map((r) => [r.label, formatMs(r.medianMs), formatRatio(r.ratioToNode), r.id === 'node' || !r.ok ? '-' : `+${formatMs(r.overNodeMs)}`, formatMs(r.cpuMs), formatKb(r.peakRssKb), r.ok ? `ok (${r.runs.length}/${startupRuns})` : `FAILED: ${r.error}`]),
    { align: ['left', 'right', 'right', 'right', 'right', 'right', 'left'] },
  );

  const bbMs = med('bb');
  const dbmateMs = med('dbmate');
  const verdict = (known, pass) => (!known ? 'UNKNOWN' : pass ? 'PASS' : 'MISS');
  const row = (id) => rows.find((r) => r.id === id);
  // Is the verdict clear of the noise? bb's slowest run must beat the bar's fastest (PASS), or bb's
  // fastest miss the bar's slowest (MISS); otherwise the ranges overlap and another run may flip it.
  const spread = (bb, bar, scale) => {
    if (!bb?.ok || !bar?.ok || bb.runs.length < 2) return '';
    if (bb.maxMs <= scale * bar.minMs || bb.minMs > scale * bar.maxMs) return 'clear of the noise (ranges apart)';
    return 'within the noise (ranges overlap)';
  };
  const goals = [
    {
      goal: `bb migrate within ${GOAL_PSQL_RATIO}× of one psql session`,
      measured: Number.isFinite(bbMs) && Number.isFinite(psqlMs) ? `${formatRatio(bbMs / psqlMs)} (${formatMs(bbMs)} vs ${formatMs(psqlMs)})` : 'bb or psql did not complete',
      verdict: verdict(Number.isFinite(bbMs) && Number.isFinite(psqlMs), bbMs <= GOAL_PSQL_RATIO * psqlMs),
      spread: spread(row('bb'), row('psql'), GOAL_PSQL_RATIO),
    },
    {
      goal: 'bb migrate faster than dbmate',
      measured: Number.isFinite(bbMs) && Number.isFinite(dbmateMs) ? `${formatMs(bbMs)} vs ${formatMs(dbmateMs)} (${formatRatio(bbMs / dbmateMs)})` : 'bb or dbmate did not complete',
      verdict: verdict(Number.isFinite(bbMs) && Number.isFinite(dbmateMs), bbMs < dbmateMs),
      spread: spread(row('bb'), row('dbmate'), 1),
    },
  ];
  const goalTable = renderTable(['goal', 'measured (medians)', 'verdict', 'min – max of the runs'], goals.map((g) => [g.goal, g.measured, g.verdict, g.spread]));

  const date = new Date().toISOString();
  const text = [
    '',
    `bench:migrate  ${date}`,
    `corpus: ${CORPUS} (${files.length} files, ${tables.length} tables expected)`,
    `machine: ${info.cores} cores, ${info.cpuModel}, ${info.memoryGb} GB, ${info.platform}, node ${info.node}`,
    `load average (1/5/15 min): ${info.loadStart.join(' ')} at start, ${info.loadavg.join(' ')} at end${Math.max(info.loadStart[0] ?? 0, info.loadavg[0] ?? 0) > info.cores ? ` — busier than ${info.cores} cores: wall times are inflated and noisy, client CPU is the steadier column` : ''}`,
    `PostgreSQL ${versions.server} on ${new URL(databaseUrl('x')).host}; ${runs} run(s) per tool, fresh database each; schema of every tool compared with ${referenceId ?? '(nothing: no reference run)'}`,
    '',
    table,
    '',
    startupTable,
    '',
    goalTable,
    '',
  ].join('\n');
  return {
    text,
    json: {
      benchmark: 'migrate',
      date,
      machine: info,
      postgres: { server: versions.server, psql: versions.psql },
      corpus: { path: CORPUS, files: files.length, expectedTables: tables },
      runsPerTool: runs,
      startupRuns,
      schemaReference: referenceId,
      tools: rows,
      startup: startupRows,
      goals,
    },
  };
}

async function toolVersions(tools) {
  const first = async (command, args, pattern) => {
    try {
      const r = await run(command, args, { timeoutMs: 30_000 });
      const m = pattern.exec(`${r.stdout}\n${r.stderr}`);
      return m ? m[1] ?? m[0] : null;
    } catch {
      return null;
    }
  };
  const ids = new Set(tools.map((t) => t.id));
  // node-pg-migrate --version prints the version of the package.json nearest the cwd, not its own
  const npmVersion = ids.has('npm') || ids.has('npm-tx') ? String(JSON.parse(readFileSync(join(ROOT, 'node_modules/node-pg-migrate/package.json'), 'utf8')).version) : null;
  return {
    server: await serverVersion(),
    psql: await first('psql', ['--version'], /(\d+\.\d+)/),
    bb: await first(process.execPath, [BB, '--version'], /(\d+\.\d+\.\d+\S*)/),
    'bb-alt': ids.has('bb-alt') ? await first(process.execPath, [/** @type {string} */ (tools.find((t) => t.id === 'bb-alt')?.bin), '--version'], /(\d+\.\d+\.\d+\S*)/) : null,
    dbmate: ids.has('dbmate') ? await first(DBMATE, ['--version'], /(\d+\.\d+\.\d+)/) : null,
    npm: npmVersion,
    'npm-tx': npmVersion,
  };
}

async function preflight() {
  if (!existsSync(join(ROOT, 'dist/bundle/main.cjs'))) throw new Error('dist/ is missing: run `npm run build` first (npm run bench:migrate does it).');
  if (!existsSync(CORPUS)) throw new Error(`corpus not found: ${CORPUS}`);
  for (const bin of [DBMATE, NODE_PG_MIGRATE]) if (!existsSync(bin)) throw new Error(`${bin} is missing: run npm install`);
  try {
    await query(databaseUrl('postgres'), 'SELECT 1');
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${new URL(databaseUrl('postgres')).host}: ${/** @type {Error} */ (error).message}`);
  }
  const psql = await run('psql', ['--version'], { timeoutMs: 10_000 }).catch(() => null);
  if (!psql || psql.code !== 0) throw new Error('psql is not on PATH (apt-get install postgresql-client)');
}

function positiveInt(text, flag) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} wants a positive integer, got ${JSON.stringify(text)}`);
  return n;
}

function log(line) {
  process.stderr.write(`${line}\n`);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`bench:migrate: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
