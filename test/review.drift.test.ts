/**
 * `bb review` and drift: fail, through the real binary, real git and real PostgreSQL: a target whose
 * schema was changed by hand is refused by bb plan and bb migrate where the environment has drift: fail,
 * so the review must not call it ready.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bb, clean, project } from './support/bb.js';
import { commitAll, git, initRepo } from './support/git.js';
import { PostgresDatabases, postgresAvailable } from './support/servers.js';

const pgUp = await postgresAvailable();

describe.skipIf(!pgUp)('bb review with drift: fail', () => {
  const dbs = new PostgresDatabases('review_drift');
  const env = { GITHUB_BASE_REF: undefined, CI_MERGE_REQUEST_TARGET_BRANCH_NAME: undefined, GITHUB_STEP_SUMMARY: undefined };
  let dir: string;
  let dev: string;
  let staging: string;

  beforeAll(async () => {
    dev = await dbs.create('dev');
    staging = await dbs.create('staging');
    dir = project({
      // dev refuses drift; staging only warns about it (bb migrate goes on there).
      'bb.config.yaml': `databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: dev\n    drift: fail\n    targets: { app: "${dev}" }\n  - name: staging\n    drift: warn\n    targets: { app: "${staging}" }\n`,
      '.gitignore': '.bb/\n',
      'migrations/0001_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);\n',
    });
    initRepo(dir);
    for (const e of ['dev', 'staging']) {
      const run = await bb(['migrate', '--env', e], { cwd: dir, env });
      expect(run.code, run.stdout + run.stderr).toBe(0);
    }
    git(dir, 'checkout', '--quiet', '-b', 'feature');
    writeFileSync(join(dir, 'migrations/0002_orders.sql'), 'CREATE TABLE orders (id bigint PRIMARY KEY);\n');
    commitAll(dir, 'feature: orders');
  }, 120_000);
  afterAll(async () => {
    await dbs.dropAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a clean review exits 0', async () => {
    const run = await bb(['review', '--base', 'main', '--format', 'json'], { cwd: dir, env });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).review.summary).toMatchObject({ errors: 0, drifted: 0 });
  });

  it('a hand-made change on the drift: fail environment blocks its plan, as bb plan says, and exits 1', async () => {
    for (const url of [dev, staging]) await PostgresDatabases.query(url, 'ALTER TABLE users ADD COLUMN sneaky int');
    try {
      const plan = await bb(['plan', '--env', 'dev'], { cwd: dir, env });
      expect(plan.code).toBe(1);
      expect(plan.stdout).toContain('dev/app has drifted from its last snapshot (after 0001): 1 added, 0 removed, 0 changed.');

      const json = await bb(['review', '--base', 'main', '--format', 'json'], { cwd: dir, env });
      expect(json.code, json.stdout + json.stderr).toBe(1);
      const { review } = JSON.parse(json.stdout) as { review: { plans: { environment: string; targets: { target: string; steps: { version: string }[]; blockers: { kind: string; version: string; message: string; hint: string }[] }[] }[]; summary: { drifted: number; errors: number } } };
      expect(review.summary).toMatchObject({ errors: 0, drifted: 1 });
      const byEnv = new Map(review.plans.map((p) => [p.environment, p.targets[0]!]));
      // The message and hint are bb plan's and bb migrate's (src/drift/check.ts driftRefusal).
      expect(byEnv.get('dev')!.blockers).toEqual([{
        kind: 'drift', version: '0001',
        message: 'dev/app has drifted from its last snapshot (after 0001): 1 added, 0 removed, 0 changed.',
        hint: expect.stringContaining('See bb drift --env dev;'),
      }]);
      // drift: warn does not stop bb migrate, so it does not block the review either.
      expect(byEnv.get('staging')!.blockers).toEqual([]);
      expect(byEnv.get('staging')!.steps.map((s) => s.version)).toEqual(['0002']);

      const md = await bb(['review', '--base', 'main', '--format', 'markdown'], { cwd: dir, env });
      expect(md.code).toBe(1);
      expect(md.stdout).toMatch(/^## ❌ bb review: 0 errors, 0 warnings in 1 migration file; 1 drifted target$/m);
      expect(md.stdout).toContain('| `dev/app` | **0002** |  | schema drift |');
      expect(md.stdout).toContain('- ❌ dev/app has drifted from its last snapshot (after 0001): 1 added, 0 removed, 0 changed.');

      const pretty = await bb(['review', '--base', 'main'], { cwd: dir, env });
      expect(pretty.code).toBe(1);
      expect(pretty.stdout).toContain('blocked: schema drift');
      expect(pretty.stdout).toContain('hint: See bb drift --env dev;');
      expect(pretty.stdout).toMatch(/0 errors, 0 warnings in 1 migration file; 1 drifted target\s*$/);
      expect(clean(pretty)).toBe(true);
    } finally {
      for (const url of [dev, staging]) await PostgresDatabases.query(url, 'ALTER TABLE users DROP COLUMN sneaky');
    }
    expect((await bb(['review', '--base', 'main'], { cwd: dir, env })).code).toBe(0);
  }, 120_000);
});
