/**
 * PostgreSQL helpers for benchmarks: fresh databases and a schema fingerprint to check that every
 * tool produced the same schema. Uses the project's `pg` driver.
 */
import pg from 'pg';

export const ADMIN_URL = process.env.BB_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The URL of database `name` on the admin server. */
export function databaseUrl(name) {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * @template R
 * @param {string} url
 * @param {(client: pg.Client) => Promise<R>} fn
 * @returns {Promise<R>}
 */
export async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** @param {string} url @param {string} sql @param {unknown[]} [params] */
export async function query(url, sql, params = []) {
  return withClient(url, async (c) => (await c.query(sql, params)).rows);
}

/** Drops (forcing out sessions) and creates database `name`; returns its URL. */
export async function recreateDatabase(name) {
  assertName(name);
  await withClient(ADMIN_URL, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  });
  return databaseUrl(name);
}

export async function dropDatabase(name) {
  assertName(name);
  await withClient(ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** Server version string, e.g. "15.20". */
export async function serverVersion() {
  const rows = await query(ADMIN_URL, 'SHOW server_version');
  return String(rows[0]?.server_version ?? 'unknown');
}

function assertName(name) {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name: ${name}`);
}

/**
 * The schema of `public` as a sorted list of lines: tables, columns (type, nullability, default),
 * indexes (definition), constraints (definition), views, sequences, types and functions. Relations whose
 * name matches `ignoreTables` (a tool's own bookkeeping, its sequences included) are left out, with
 * everything on them.
 * @param {string} url
 * @param {RegExp} ignoreTables
 * @returns {Promise<string[]>}
 */
export async function schemaFingerprint(url, ignoreTables) {
  return withClient(url, async (c) => {
    const lines = [];
    const keep = (/** @type {string} */ table) => !ignoreTables.test(table);
    const tables = await c.query(`SELECT c.relname AS name, c.relkind AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')`);
    for (const t of tables.rows) {
      if (keep(t.name)) lines.push(`relation ${t.kind} ${t.name}`);
    }
    const columns = await c.query(`SELECT table_name, column_name, data_type, character_maximum_length, is_nullable, column_default
      FROM information_schema.columns WHERE table_schema = 'public'`);
    for (const r of columns.rows) {
      if (keep(r.table_name)) lines.push(`column ${r.table_name}.${r.column_name} ${r.data_type}${r.character_maximum_length ? `(${r.character_maximum_length})` : ''} ${r.is_nullable === 'YES' ? 'null' : 'not null'} ${r.column_default ?? ''}`.trimEnd());
    }
    const indexes = await c.query(`SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public'`);
    for (const r of indexes.rows) if (keep(r.tablename)) lines.push(`index ${r.indexdef}`);
    const constraints = await c.query(`SELECT cl.relname AS table_name, co.conname, pg_get_constraintdef(co.oid) AS def
      FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE n.nspname = 'public'`);
    for (const r of constraints.rows) if (keep(r.table_name)) lines.push(`constraint ${r.table_name}.${r.conname} ${r.def}`);
    const types = await c.query(`SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'c') AND NOT EXISTS (SELECT 1 FROM pg_class r WHERE r.reltype = t.oid)`);
    for (const r of types.rows) lines.push(`type ${r.typname}`);
    const functions = await c.query(`SELECT p.proname, pg_get_function_identity_arguments(p.oid) AS args FROM pg_proc p
      JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'`);
    for (const r of functions.rows) lines.push(`function ${r.proname}(${r.args})`);
    return lines.sort();
  });
}

/**
 * Differences between two fingerprints: lines only in `actual` (+) and only in `expected` (-).
 * @param {readonly string[]} expected @param {readonly string[]} actual
 */
export function diffFingerprints(expected, actual) {
  const want = new Set(expected);
  const got = new Set(actual);
  return [...expected.filter((l) => !got.has(l)).map((l) => `- ${l}`), ...actual.filter((l) => !want.has(l)).map((l) => `+ ${l}`)];
}
