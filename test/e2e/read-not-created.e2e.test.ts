/**
 * Read-only commands never create an embedded database (a chdb or PGlite folder, or a chdb database in
 * an existing folder), through the binary: status, history, report, doctor, drift and plan read it as
 * "not created yet" (no history, no snapshot); diff, dump and query say it does not exist (exit 3).
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bb, clean, project } from '../support/bb.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A project whose dev and prod targets are `dev` and `prod`, with one migration `sql`. */
function make(engine: 'clickhouse' | 'postgres', dev: string, prod: string, sql: string): string {
  const dir = project({
    'bb.config.yaml': `databases:\n  app: { engine: ${engine}, migrations: migrations }\nenvironments:\n  - name: dev\n    targets: { app: "${dev}" }\n  - name: prod\n    targets: { app: "${prod}" }\n`,
    'migrations/0001_t.sql': sql,
  });
  dirs.push(dir);
  return dir;
}

/** Every read-only command on dev, whose database does not exist: what each says, and its exit code. */
async function readAll(dir: string, url: string): Promise<void> {
  const notCreated = `dev/app: the embedded database ${url} does not exist yet.`;
  const run = async (args: string[]): Promise<{ code: number; out: string }> => {
    const r = await bb(args, { cwd: dir });
    expect(clean(r)).toBe(true);
    return { code: r.code, out: r.stdout + r.stderr };
  };
  expect(await run(['status', '--env', 'dev'])).toMatchObject({ code: 0, out: expect.stringContaining('dev/app: at (none), 0 done, 1 pending') });
  expect(await run(['history', '--env', 'dev'])).toMatchObject({ code: 0, out: expect.stringContaining('no migrations applied yet') });
  const report = await run(['report', '--env', 'dev', '--no-drift', '--no-lint', '--format', 'json']);
  expect(report.code, report.out).toBe(0);
  expect(await run(['doctor', '--env', 'dev'])).toMatchObject({ code: 0, out: expect.stringContaining(`dev/app: ${url}: embedded, not created yet (bb migrate --env dev creates it)`) });
  expect(await run(['drift', '--env', 'dev'])).toMatchObject({ code: 0, out: expect.stringContaining('dev/app: no snapshot yet') });
  expect(await run(['plan', '--env', 'dev'])).toMatchObject({ code: 0, out: expect.stringContaining('empty; 1 to apply') });
  for (const args of [['diff', '--from', 'dev', '--to', 'prod'], ['dump', '--env', 'dev'], ['query', '--env', 'dev', 'SELECT 1']]) {
    const r = await run(args);
    expect(r, args[0]).toMatchObject({ code: 3, out: expect.stringContaining(notCreated) });
    expect(r.out).toContain('hint: Nothing has been applied there; bb migrate creates it.');
  }
}

describe('chdb', () => {
  it('a missing folder stays missing', async () => {
    const dir = make('clickhouse', 'chdb://.bb/ch?database=app', 'chdb://.bb/ch?database=app', 'CREATE TABLE t (id UInt32) ENGINE = MergeTree ORDER BY id;\n');
    await readAll(dir, 'chdb://.bb/ch?database=app');
    expect(existsSync(join(dir, '.bb/ch'))).toBe(false);
  }, 180_000);

  it('a database missing from an existing folder is not created in it', async () => {
    // A folder that holds another database (`other`, migrated by a second project); app and app2 are not in it.
    const seed = make('clickhouse', 'chdb://.bb/ch?database=other', 'chdb://.bb/ch?database=unused', 'CREATE TABLE t (id UInt32) ENGINE = MergeTree ORDER BY id;\n');
    expect((await bb(['migrate', '--env', 'dev'], { cwd: seed })).code).toBe(0);
    const dir = make('clickhouse', `chdb://${join(seed, '.bb/ch')}?database=app`, `chdb://${join(seed, '.bb/ch')}?database=app2`, 'CREATE TABLE t (id UInt32) ENGINE = MergeTree ORDER BY id;\n');
    await readAll(dir, `chdb://${join(seed, '.bb/ch')}?database=app`);
    const databases = await bb(['query', '--env', 'dev', '--format', 'json', 'SELECT name FROM system.databases ORDER BY name'], { cwd: seed });
    expect(databases.code, databases.stderr).toBe(0);
    expect((JSON.parse(databases.stdout) as { name: string }[]).map((r) => r.name)).toEqual(['INFORMATION_SCHEMA', 'default', 'information_schema', 'other', 'system']);
  }, 180_000);
});

describe('pglite', () => {
  it('a missing folder stays missing', async () => {
    const dir = make('postgres', 'pglite://.bb/dev', 'pglite://.bb/prod', 'CREATE TABLE t (id int);\n');
    await readAll(dir, 'pglite://.bb/dev');
    // bb query's audit log may live in .bb; no database folder does.
    expect(existsSync(join(dir, '.bb')) ? readdirSync(join(dir, '.bb')).filter((f) => f !== 'audit.jsonl') : []).toEqual([]);
  }, 180_000);
});
