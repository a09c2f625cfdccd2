/**
 * Issue #8 acceptance for `bb rollout`, through the real binary: dev (PGlite) → staging → prod
 * (PostgreSQL). It stops before protected prod without --yes (naming it), reaches prod with --yes, and a
 * migration that fails on staging leaves prod untouched.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bb, clean, project } from './support/bb.js';
import { PostgresDatabases, postgresAvailable } from './support/servers.js';

const pgUp = await postgresAvailable();
const dbs = new PostgresDatabases('bbt_rollout');

describe.skipIf(!pgUp)('bb rollout dev (PGlite) → staging → prod (PostgreSQL)', () => {
  let dir: string;
  let staging: string;
  let prod: string;
  const env = (): Record<string, string> => ({ STAGING_APP_URL: staging, PROD_APP_URL: prod });
  const tables = async (url: string): Promise<string[]> =>
    (await PostgresDatabases.query<{ t: string }>(url, "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")).map((r) => r.t);
  const versions = async (url: string): Promise<string[]> => {
    if (!(await tables(url)).includes('bb_migration_history')) return [];
    return (await PostgresDatabases.query<{ v: string; s: string }>(url, 'SELECT version AS v, status AS s FROM bb_migration_history ORDER BY version')).map((r) => `${r.v}:${r.s}`);
  };

  beforeAll(async () => {
    staging = await dbs.create('staging');
    prod = await dbs.create('prod');
    dir = project({
      'bb.config.yaml': `databases:
  app: { engine: postgres, migrations: migrations }
environments:
  - name: dev
    targets: { app: pglite://.bb/dev/app }
  - name: staging
    targets: { app: "\${STAGING_APP_URL}" }
  - name: prod
    protected: true
    targets: { app: "\${PROD_APP_URL}" }
`,
      'migrations/0001_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);\n',
      'migrations/0002_posts.sql': 'CREATE TABLE posts (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));\n',
    });
  }, 120_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await dbs.dropAll();
  });

  it('stops before protected prod without --yes, naming it; dev and staging are applied', async () => {
    const run = await bb(['rollout'], { cwd: dir, env: env() });
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^dev\s+dev\/app\s+✓ applied\s+2\s+0002/m);
    expect(run.stdout).toMatch(/^staging\s+staging\/app\s+✓ applied\s+2\s+0002/m);
    expect(run.stdout).toMatch(/^prod \*\s+■ stopped \(protected\)/m);
    expect(run.stdout).toMatch(/Stopped before prod: it is protected and --yes was not given\./);
    expect(run.stdout).toMatch(/Rollout stopped at prod \(done: dev, staging\)\./);
    expect(await versions(staging)).toEqual(['0001:done', '0002:done']);
    expect(await tables(prod)).toEqual([]);
    expect(clean(run, [])).toBe(true);
  }, 180_000);

  it('with --yes reaches prod; dev and staging are up to date', async () => {
    const run = await bb(['rollout', '--yes'], { cwd: dir, env: env() });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^dev\s+dev\/app\s+✓ up to date/m);
    expect(run.stdout).toMatch(/^staging\s+staging\/app\s+✓ up to date/m);
    expect(run.stdout).toMatch(/^prod \*\s+prod\/app\s+✓ applied\s+2\s+0002/m);
    expect(run.stdout).toMatch(/Rollout complete: dev → staging → prod\./);
    expect(await versions(prod)).toEqual(['0001:done', '0002:done']);
  }, 180_000);

  it('a migration that fails on staging stops the rollout and leaves prod untouched', async () => {
    // Staging has a table the migration also creates: it fails there, and only there.
    await PostgresDatabases.query(staging, 'CREATE TABLE audit (id bigint PRIMARY KEY)');
    writeFileSync(join(dir, 'migrations/0003_audit.sql'), 'CREATE TABLE audit (id bigint PRIMARY KEY, at timestamptz NOT NULL DEFAULT now());\n');
    const run = await bb(['rollout', '--yes', '--format', 'json'], { cwd: dir, env: env() });
    expect(run.code, run.stdout + run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as { environments: { environment: string; outcome: string }[]; stoppedAt?: string };
    expect(report.environments.map((e) => [e.environment, e.outcome])).toEqual([['dev', 'applied'], ['staging', 'failed'], ['prod', 'not-reached']]);
    expect(report.stoppedAt).toBe('staging');
    expect(await versions(staging)).toEqual(['0001:done', '0002:done', '0003:failed']);
    expect(await versions(prod)).toEqual(['0001:done', '0002:done']);
    expect(await tables(prod)).not.toContain('audit');

    const pretty = await bb(['rollout', '--yes'], { cwd: dir, env: env() });
    expect(pretty.code).toBe(1);
    expect(pretty.stdout).toMatch(/^staging\s+staging\/app\s+✗ blocked/m);
    expect(pretty.stdout).toMatch(/^prod \*\s+· not reached/m);
    expect(pretty.stdout).toMatch(/Rollout stopped at staging \(done: dev\)\./);
    expect(await versions(prod)).toEqual(['0001:done', '0002:done']);
  }, 240_000);

  it('--to staging stops there; --env starts later; --to before --env is a usage error', async () => {
    await PostgresDatabases.query(staging, 'DROP TABLE audit');
    const repair = await bb(['repair', '--env', 'staging', '--version', '0003'], { cwd: dir, env: env() });
    expect(repair.code, repair.stdout + repair.stderr).toBe(0);
    const run = await bb(['rollout', '--to', 'staging', '--format', 'json'], { cwd: dir, env: env() });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { environments: { environment: string; outcome: string }[] };
    expect(report.environments.map((e) => [e.environment, e.outcome])).toEqual([['dev', 'up-to-date'], ['staging', 'applied']]);
    expect(await versions(prod)).toEqual(['0001:done', '0002:done']);
    const bad = await bb(['rollout', '--env', 'prod', '--to', 'dev'], { cwd: dir, env: env() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--to dev comes before --env prod/);
  }, 240_000);
});
