/**
 * bb vs one `mariadb` client session on the MariaDB row of the migrate benchmark: the first 344 files of
 * ../shared/corpora/mysql/kratos (the ones MariaDB accepts with sql_mode ''), applied to a fresh database.
 *
 * - bb: `bb migrate --env bench --to <344th version>` (history table, lock, per-statement progress).
 * - mariadb: one client session that runs `SET SESSION sql_mode = ''` and `source`s the same files in
 *   order (no history, no lock: the floor any tool can reach).
 * Both must end with the same schema (tables and columns, bb's own tables excluded).
 *
 *   npm run build && node bench/migrate-mysql.js [--runs 3]
 * Writes bench/results/migrate-mysql-<time>.json and migrate-mysql-latest.json.
 * bench/migrate.js can import benchMysql() to print the same rows in its own table.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import mysql from 'mysql2/promise';
import { machine } from './lib/machine.js';
import { run } from './lib/proc.js';
import { writeResults } from './lib/results.js';
import { formatKb, formatMs, formatRatio, summary } from './lib/stats.js';
import { renderTable } from './lib/table.js';

const ROOT = resolve(import.meta.dirname, '..');
const CORPUS = resolve(ROOT, '../shared/corpora/mysql/kratos');
const ADMIN_URL = process.env.BB_BENCH_MYSQL_URL ?? process.env.BB_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
const COUNT = 344;

const admin = new URL(ADMIN_URL);
const urlOf = (db) => Object.assign(new URL(ADMIN_URL), { pathname: `/${db}` }).toString();

async function sql(query, db) {
  const conn = await mysql.createConnection({ uri: db ? urlOf(db) : ADMIN_URL });
  try {
    const [rows] = await conn.query(query);
    return rows;
  } finally {
    await conn.end();
  }
}

async function recreate(db) {
  await sql(`DROP DATABASE IF EXISTS \`${db}\``);
  await sql(`CREATE DATABASE \`${db}\` CHARACTER SET utf8mb4`);
}

/** Tables and columns, bb's own tables excluded: both tools must produce the same. */
async function fingerprint(db) {
  const rows = await sql(
    `SELECT TABLE_NAME AS t, COLUMN_NAME AS c, COLUMN_TYPE AS ty, IS_NULLABLE AS n FROM information_schema.COLUMNS
      WHERE TABLE_SCHEMA = '${db}' AND TABLE_NAME NOT LIKE 'bb\\_migration\\_history%' ORDER BY 1, 2`,
  );
  return { tables: new Set(rows.map((r) => r.t)).size, columns: rows.length, text: JSON.stringify(rows) };
}

const files = readdirSync(CORPUS).filter((f) => f.endsWith('.sql')).sort().slice(0, COUNT);
const last = files[COUNT - 1].slice(0, 20);

async function runBb(i) {
  const db = `bbt_bench_mysql_bb_${i}`;
  await recreate(db);
  const dir = mkdtempSync(join(tmpdir(), 'bb-bench-mysql-'));
  writeFileSync(join(dir, 'bb.config.yaml'), `databases:\n  kratos: { engine: mysql, migrations: ${CORPUS} }\nenvironments:\n  - name: bench\n    targets:\n      kratos: { url: "${urlOf(db)}", session: { sql_mode: "" } }\n`);
  try {
    const r = await run(process.execPath, [join(ROOT, 'bin/bb.js'), 'migrate', '--env', 'bench', '--to', last, '--quiet'], { cwd: dir });
    if (r.code !== 0) throw new Error(`bb failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
    const [{ n }] = await sql("SELECT COUNT(*) AS n FROM bb_migration_history WHERE status = 'done'", db);
    if (Number(n) !== COUNT) throw new Error(`bb recorded ${n} done migrations, expected ${COUNT}`);
    return { ...r, db };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runClient(i) {
  const db = `bbt_bench_mysql_cli_${i}`;
  await recreate(db);
  const dir = mkdtempSync(join(tmpdir(), 'bb-bench-mysql-'));
  const script = join(dir, 'all.sql');
  writeFileSync(script, ["SET SESSION sql_mode = '';", ...files.map((f) => `source ${join(CORPUS, f)}`), ''].join('\n'));
  const args = ['-h', admin.hostname, '-P', admin.port || '3306', '-u', decodeURIComponent(admin.username || 'root'), '--batch', db, '-e', `source ${script}`];
  if (admin.password) args.splice(0, 0, `-p${decodeURIComponent(admin.password)}`);
  try {
    const r = await run('mariadb', args);
    if (r.code !== 0) throw new Error(`mariadb failed (exit ${r.code}):\n${r.stderr}`);
    return { ...r, db };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs both tools `runs` times on fresh databases and checks they produce the same schema.
 * @param {{ runs?: number }} [options]
 * @returns {Promise<{ server: string, files: number, runs: number, schema: { tables: number, columns: number }, results: Record<string, { wallMs: ReturnType<typeof summary>, peakRssKb: number | null }> }>}
 */
export async function benchMysql(options = {}) {
  const runs = options.runs ?? 3;
  const tools = { bb: runBb, 'mariadb (1 session)': runClient };
  /** @type {Record<string, { wallMs: ReturnType<typeof summary>, peakRssKb: number | null }>} */
  const results = {};
  let reference;
  for (const [name, fn] of Object.entries(tools)) {
    const times = [];
    const rss = [];
    for (let i = 0; i < runs; i++) {
      const r = await fn(i);
      times.push(r.wallMs);
      if (r.peakRssKb !== null) rss.push(r.peakRssKb);
      const fp = await fingerprint(r.db);
      reference ??= fp;
      if (fp.text !== reference.text) throw new Error(`${name} produced a different schema (${fp.tables} tables, ${fp.columns} columns; expected ${reference.tables}, ${reference.columns})`);
      await sql(`DROP DATABASE IF EXISTS \`${r.db}\``);
    }
    results[name] = { wallMs: summary(times), peakRssKb: rss.length ? Math.max(...rss) : null };
  }
  const server = (await sql('SELECT VERSION() AS v'))[0].v;
  return { server, files: COUNT, runs, schema: { tables: reference.tables, columns: reference.columns }, results };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const runsArg = process.argv.indexOf('--runs');
  const out = await benchMysql({ runs: runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3 });
  const base = out.results['mariadb (1 session)'].wallMs.median;
  const rows = Object.entries(out.results).map(([name, r]) => [
    name, formatMs(r.wallMs.median), formatMs(r.wallMs.min), formatMs(r.wallMs.max), formatMs(r.wallMs.median / COUNT), formatRatio(r.wallMs.median / base), formatKb(r.peakRssKb),
  ]);
  console.log(`kratos (MySQL), first ${COUNT} files on MariaDB ${out.server}, sql_mode '', ${out.runs} runs each; same schema: ${out.schema.tables} tables, ${out.schema.columns} columns`);
  console.log(renderTable(['tool', 'median', 'min', 'max', 'per file', 'vs client', 'peak RSS'], rows, { align: ['left', 'right', 'right', 'right', 'right', 'right', 'right'] }));
  const written = writeResults('migrate-mysql', { benchmark: 'migrate-mysql', corpus: 'mysql/kratos', machine: machine(), ...out });
  console.log(`\nwrote ${written.file}`);
}
