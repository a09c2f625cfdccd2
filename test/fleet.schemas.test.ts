/**
 * discover: { schemas: true } on PostgreSQL: one database, one schema per tenant. Each member keeps its
 * history in its own schema, runs with search_path set to it, and its snapshot, drift and dump cover
 * only that schema.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bb, project } from './support/bb.js';
import { PostgresDatabases, postgresAvailable } from './support/servers.js';

const pgUp = await postgresAvailable();

describe.skipIf(!pgUp)('schema-per-tenant group (discover schemas: true)', () => {
  const dbs = new PostgresDatabases('bbt_fleet_schemas');
  let dir: string;
  let url: string;
  beforeAll(async () => {
    url = await dbs.create('one');
    for (const s of ['tenant_a', 'tenant_b', 'tenant_c', 'other']) await PostgresDatabases.query(url, `CREATE SCHEMA ${s}`);
    dir = project({
      'bb.config.yaml': `databases:
  app: { engine: postgres, migrations: migrations }
environments:
  - name: prod
    targets:
      app:
        discover: { url: "${url}", match: "tenant\\\\_%", schemas: true }
        concurrency: 2
`,
      'migrations/0001_users.sql': 'CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);\n',
      'migrations/0002_email_index.sql': 'CREATE INDEX users_email ON users (email);\n',
    });
  }, 60_000);
  afterAll(async () => {
    await dbs.dropAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrates each matching schema on its own, with its own history', async () => {
    const run = await bb(['migrate', '--env', 'prod', '--format', 'json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const members = (JSON.parse(run.stdout) as { fleets: { members: { target: { member: string }; state: string }[] }[] }).fleets[0]!.members;
    expect(members.map((m) => `${m.target.member}:${m.state}`)).toEqual(['tenant_a:done', 'tenant_b:done', 'tenant_c:done']);
    const tables = await PostgresDatabases.query<{ s: string; t: string }>(url, "SELECT table_schema AS s, table_name AS t FROM information_schema.tables WHERE table_schema LIKE 'tenant%' OR table_schema IN ('public', 'other') ORDER BY 1, 2");
    expect(tables.map((r) => `${r.s}.${r.t}`)).toEqual(['tenant_a', 'tenant_b', 'tenant_c'].flatMap((s) => [`${s}.bb_migration_history`, `${s}.bb_migration_history_snapshots`, `${s}.users`]));
  }, 60_000);

  it('drift and dump read only the member’s schema', async () => {
    expect((await bb(['drift', '--env', 'prod'], { cwd: dir })).code).toBe(0);
    await PostgresDatabases.query(url, 'ALTER TABLE tenant_b.users ADD COLUMN nickname text');
    await PostgresDatabases.query(url, 'CREATE TABLE other.noise (id int)'); // not a member: never drift
    const run = await bb(['drift', '--env', 'prod', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    const targets = (JSON.parse(run.stdout) as { targets: { target: { member: string }; status: string; changes: { name: string }[] }[] }).targets;
    expect(targets.map((t) => `${t.target.member}:${t.status}`)).toEqual(['tenant_a:clean', 'tenant_b:drift', 'tenant_c:clean']);
    expect(targets[1]!.changes.map((c) => c.name)).toEqual(['tenant_b.users.nickname']);
    const dump = await bb(['dump', '--env', 'prod'], { cwd: dir });
    expect(dump.stdout).toContain('CREATE TABLE tenant_a.users');
    expect(dump.stdout).not.toContain('tenant_b');
  }, 60_000);
});
