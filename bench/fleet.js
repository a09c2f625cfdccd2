#!/usr/bin/env node
/**
 * npm run bench:fleet: one change rolled out to a fleet of tenant databases. Creates N local PostgreSQL
 * databases (bbt_fleet_bench_001…, default 200), then for each concurrency level (default 1, 4, 8)
 * resets them and runs `bb migrate` over a discover: group with 10 small migrations, timing the wall
 * clock and sampling the server's connections to the fleet (the peak must stay near the concurrency).
 * Then times `bb status` over the group. Prints one table and writes JSON to bench/results/.
 *
 * Usage: node bench/fleet.js [--members N] [--levels 1,4,8] [--status-runs N] [--keep]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import pg from 'pg';

const ROOT = resolve(import.meta.dirname, '..');
const BB = join(ROOT, 'bin/bb.js');
const ADMIN = process.env.BB_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PREFIX = 'bbt_fleet_bench_';

const { values: args } = parseArgs({
  options: {
    members: { type: 'string', default: '200' },
    levels: { type: 'string', default: '1,4,8' },
    'status-runs': { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
  },
});
const MEMBERS = Number(args.members);
const LEVELS = args.levels.split(',').map(Number);
const names = Array.from({ length: MEMBERS }, (_, i) => `${PREFIX}${String(i + 1).padStart(3, '0')}`);

async function admin(fn) {
  const c = new pg.Client({ connectionString: ADMIN });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
const urlOf = (db) => {
  const u = new URL(ADMIN);
  u.pathname = `/${db}`;
  return u.toString();
};

/** Runs bb; resolves with exit code, output and wall time. */
function bb(argv, cwd) {
  return new Promise((done) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BB, ...argv], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code, stdout, stderr, ms: performance.now() - started }));
  });
}

/** Up to `limit` at once. */
async function pool(items, limit, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

async function createFleet() {
  await admin(async (c) => {
    for (const db of names) {
      await c.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
      await c.query(`CREATE DATABASE "${db}"`);
    }
  });
}

async function resetFleet() {
  await pool(names, 8, async (db) => {
    const c = new pg.Client({ connectionString: urlOf(db) });
    await c.connect();
    await c.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    await c.end();
  });
}

async function dropFleet() {
  await admin(async (c) => {
    for (const db of names) await c.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
  });
}

function project(concurrency) {
  const dir = mkdtempSync(join(tmpdir(), 'bb-bench-fleet-'));
  mkdirSync(join(dir, 'migrations'));
  for (let i = 1; i <= 10; i++) {
    writeFileSync(join(dir, 'migrations', `${String(i).padStart(4, '0')}_t${i}.sql`),
      `CREATE TABLE t${i} (id bigint PRIMARY KEY, tenant text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());\nCREATE INDEX t${i}_tenant ON t${i} (tenant);\nINSERT INTO t${i} (id, tenant) VALUES (1, current_database());\n`);
  }
  writeFileSync(join(dir, 'bb.config.yaml'), `databases:
  app: { engine: postgres, migrations: migrations }
environments:
  - name: bench
    targets:
      app:
        discover: { url: "${ADMIN}", match: "/^${PREFIX}\\\\d+$/" }
        concurrency: ${concurrency}
        onError: continue
`);
  return dir;
}

/** Peak number of server connections to the fleet's databases while `work` runs. */
async function sampleConnections(work) {
  const c = new pg.Client({ connectionString: ADMIN });
  await c.connect();
  let peak = 0;
  let running = true;
  const sampler = (async () => {
    while (running) {
      const r = await c.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname LIKE '${PREFIX}%'`);
      peak = Math.max(peak, r.rows[0].n);
      await new Promise((r2) => setTimeout(r2, 20));
    }
  })();
  try {
    return { result: await work(), peak: () => peak };
  } finally {
    running = false;
    await sampler;
    await c.end();
  }
}

const fmt = (ms) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`);

async function main() {
  console.error(`Creating ${MEMBERS} databases…`);
  await createFleet();
  const rows = [];
  let statusTimes = [];
  let statusSummary = '';
  try {
    for (const level of LEVELS) {
      await resetFleet();
      const dir = project(level);
      try {
        const { result, peak } = await sampleConnections(() => bb(['migrate', '--env', 'bench', '--quiet', '--format', 'json'], dir));
        if (result.code !== 0) throw new Error(`bb migrate at concurrency ${level} exited ${result.code}: ${result.stderr.slice(-2000)}`);
        const report = JSON.parse(result.stdout);
        const members = report.fleets[0].members;
        const done = members.filter((m) => m.state === 'done' && m.result.migrations.filter((x) => x.status === 'done').length === 10).length;
        if (done !== MEMBERS) throw new Error(`only ${done} of ${MEMBERS} members applied all 10 migrations`);
        rows.push({ concurrency: level, wallMs: result.ms, peakConnections: peak(), members: MEMBERS, migrations: MEMBERS * 10 });
        console.error(`concurrency ${level}: ${fmt(result.ms)}, peak ${peak()} connections`);
        if (level === LEVELS[LEVELS.length - 1]) {
          for (let i = 0; i < Number(args['status-runs']); i++) {
            const s = await bb(['status', '--env', 'bench'], dir);
            if (s.code !== 0) throw new Error(`bb status exited ${s.code}: ${s.stdout.slice(-1000)}${s.stderr.slice(-1000)}`);
            statusTimes.push(s.ms);
            statusSummary = /\(group, \d+ members\): ([^\n]*)/.exec(s.stdout)?.[1] ?? '';
          }
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    if (!args.keep) await dropFleet();
  }
  const base = rows[0].wallMs;
  const table = [
    ['concurrency', 'wall time', 'speed-up', 'migrations/s', 'peak connections'],
    ...rows.map((r) => [String(r.concurrency), fmt(r.wallMs), `${(base / r.wallMs).toFixed(2)}×`, (r.migrations / (r.wallMs / 1000)).toFixed(0), String(r.peakConnections)]),
  ];
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
  const lines = table.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((w) => '─'.repeat(w)).join('  '));
  const statusMedian = statusTimes.sort((a, b) => a - b)[Math.floor(statusTimes.length / 2)];
  console.log(`bb migrate: ${MEMBERS} PostgreSQL databases × 10 migrations (discover: group, onError continue)\n`);
  console.log(lines.join('\n'));
  console.log(`\nbb status over ${MEMBERS} members: ${fmt(statusMedian)} (median of ${statusTimes.length}; goal < 2 s) — ${statusSummary}`);
  const last = rows[rows.length - 1];
  console.log(`speed-up at concurrency ${last.concurrency}: ${(base / last.wallMs).toFixed(2)}× (goal ≥ 4×) on ${cpus().length} CPU(s)`);
  const out = join(ROOT, 'bench/results');
  mkdirSync(out, { recursive: true });
  const file = join(out, `fleet-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ members: MEMBERS, cpus: cpus().length, rows, status: { medianMs: statusMedian, runs: statusTimes, summary: statusSummary } }, null, 2));
  console.log(`\nwrote ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
