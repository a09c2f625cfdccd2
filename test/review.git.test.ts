/**
 * Issue #8 acceptance for `bb review`, through the real binary, real git and real PGlite histories:
 * a feature branch that adds a migration with an error-level finding and edits an applied file.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bb, clean, project } from './support/bb.js';
import { commitAll, git, initRepo } from './support/git.js';

const CONFIG = `databases:
  app: { engine: postgres, migrations: db/migrations }
environments:
  - name: dev
    targets: { app: pglite://.bb/dev/app }
  - name: staging
    targets: { app: pglite://.bb/staging/app }
  - name: prod
    protected: true
    targets: { app: pglite://.bb/prod/app }
  - name: dr
    targets: { app: "\${DR_APP_URL}" }
rules:
  preset: recommended
  environments:
    dev: { table.require-pk: warning }
`;

const USERS = 'CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);\n';
const ORDERS = 'CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id));\n';

describe('bb review on a feature branch', () => {
  let dir: string;
  const env = { DR_APP_URL: undefined, GITHUB_BASE_REF: undefined, CI_MERGE_REQUEST_TARGET_BRANCH_NAME: undefined, GITHUB_STEP_SUMMARY: undefined };

  beforeAll(async () => {
    dir = project({
      'bb.config.yaml': CONFIG,
      '.gitignore': '.bb/\n',
      'db/migrations/0001_users.sql': USERS,
      'db/migrations/0002_orders.sql': ORDERS,
    });
    initRepo(dir);
    for (const args of [['--env', 'dev'], ['--env', 'staging'], ['--env', 'prod', '--to', '0001', '--yes']]) {
      const run = await bb(['migrate', ...args], { cwd: dir, env });
      expect(run.code, run.stdout + run.stderr).toBe(0);
    }
    git(dir, 'checkout', '--quiet', '-b', 'feature');
    writeFileSync(join(dir, 'db/migrations/0002_orders.sql'), `${ORDERS}ALTER TABLE orders ADD COLUMN note text;\n`);
    writeFileSync(join(dir, 'db/migrations/0003_events.sql'), 'CREATE TABLE events (happened_at timestamptz NOT NULL, payload text);\n');
    commitAll(dir, 'feature: events, and an edit that should not be');
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the new file, its rule, the edited applied file and the environments, and exits 1', async () => {
    const run = await bb(['review', '--base', 'main', '--format', 'markdown'], { cwd: dir, env });
    expect(run.code, run.stderr).toBe(1);
    const md = run.stdout;
    expect(md.startsWith('<!-- bb:review -->')).toBe(true);
    expect(md).toContain('db/migrations/0003_events.sql');
    expect(md).toContain('db/migrations/0002_orders.sql');
    expect(md).toContain('`table.require-pk`');
    // Applied on dev and staging, not on prod (only 0001 there); dr cannot be read and is said so.
    expect(md).toMatch(/0002_orders\.sql was changed after version 0002 was applied on dev, staging \(dev\/app, staging\/app\)/);
    expect(md).toMatch(/### Not reachable[\s\S]*`dr\/app`: .*DR_APP_URL/);
    // Per-environment levels: an error on staging, prod and dr, a warning on dev.
    expect(md).toMatch(/❌ error \| `table.require-pk` \| 1:\d+ \| Table events has no primary key[^\n]*\| staging, prod, dr \|/);
    expect(md).toMatch(/⚠️ warning \| `table.require-pk` \| 1:\d+ \| Table events has no primary key[^\n]*\| dev \|/);
    expect(clean(run)).toBe(true);
  });

  it('gives the same facts as JSON', async () => {
    const run = await bb(['review', '--base', 'main', '--format', 'json'], { cwd: dir, env });
    expect(run.code).toBe(1);
    const data = JSON.parse(run.stdout) as { review: { files: { path: string; status: string; appliedEnvironments: string[]; unknownOn: string[]; problem?: unknown; findings: { ruleId: string; level: string; environments: string[] }[] }[]; summary: { errors: number; editedApplied: number }; base: { ref: string; source: string } } };
    const byPath = new Map(data.review.files.map((f) => [f.path, f]));
    expect(byPath.get('db/migrations/0002_orders.sql')).toMatchObject({ status: 'modified', appliedEnvironments: ['dev', 'staging'], unknownOn: ['dr/app'] });
    expect(byPath.get('db/migrations/0002_orders.sql')!.problem).toBeDefined();
    expect(byPath.get('db/migrations/0003_events.sql')).toMatchObject({ status: 'added', appliedEnvironments: [] });
    expect(byPath.get('db/migrations/0003_events.sql')!.findings.filter((f) => f.ruleId === 'table.require-pk').map((f) => [f.level, f.environments])).toEqual([
      ['error', ['staging', 'prod', 'dr']],
      ['warning', ['dev']],
    ]);
    expect(data.review.summary).toMatchObject({ errors: 1, editedApplied: 1 });
    expect(data.review.base).toMatchObject({ ref: 'main', source: '--base' });
  });

  it('--env limits the review to one environment: its histories, rule levels and plan', async () => {
    const run = await bb(['review', '--base', 'main', '--env', 'dev', '--format', 'json'], { cwd: dir, env });
    expect(run.code, run.stderr).toBe(1); // the edited applied file is still an error (applied on dev)
    const { review } = JSON.parse(run.stdout) as { review: { files: { path: string; appliedEnvironments: string[]; findings: { level: string; environments: string[] }[] }[]; plans: { environment: string }[]; unreachable: unknown[]; summary: { errors: number; warnings: number } } };
    expect(review.plans.map((p) => p.environment)).toEqual(['dev']);
    expect(review.unreachable).toEqual([]);
    expect(review.files.find((f) => f.path.endsWith('0002_orders.sql'))!.appliedEnvironments).toEqual(['dev']);
    expect(review.files.find((f) => f.path.endsWith('0003_events.sql'))!.findings.map((f) => [f.level, f.environments])).toEqual([['warning', ['dev']]]);
    expect(review.summary).toMatchObject({ errors: 0, warnings: 1 });
  });

  it('pretty output ends with the count and exits 1', async () => {
    const run = await bb(['review', '--base', 'main'], { cwd: dir, env });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/1 edited after apply, 1 error, 1 warning in 2 migration files\s*$/);
  });

  it('honours GITHUB_BASE_REF and CI_MERGE_REQUEST_TARGET_BRANCH_NAME, and says when no base can be found', async () => {
    git(dir, 'branch', '-m', 'main', 'trunk');
    try {
      const none = await bb(['review', '--format', 'json'], { cwd: dir, env });
      expect(none.code).toBe(2);
      expect(none.stdout + none.stderr).toMatch(/Cannot find the default branch/);
      for (const [name, value] of [['GITHUB_BASE_REF', 'trunk'], ['CI_MERGE_REQUEST_TARGET_BRANCH_NAME', 'trunk']] as const) {
        const run = await bb(['review', '--format', 'json'], { cwd: dir, env: { ...env, [name]: value } });
        expect(run.code, run.stderr).toBe(1);
        expect(JSON.parse(run.stdout).review.base).toMatchObject({ ref: 'trunk', source: name });
      }
    } finally {
      git(dir, 'branch', '-m', 'trunk', 'main');
    }
  }, 180_000);

  it('a --base revision the checkout does not have: in a shallow clone the hint says to fetch more history', async () => {
    const far = await bb(['review', '--base', 'HEAD~50'], { cwd: dir, env });
    expect([far.code, far.stderr]).toEqual([2, expect.stringContaining('Cannot find the base "HEAD~50" in this checkout.\nhint: Pass --base a branch or commit that exists here')]);
    const shallow = mkdtempSync(join(tmpdir(), 'bb-review-shallow-'));
    try {
      git(tmpdir(), 'clone', '--quiet', '--depth', '1', '--branch', 'feature', `file://${dir}`, shallow);
      const run = await bb(['review', '--base', 'HEAD~5'], { cwd: shallow, env });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('Cannot find the base "HEAD~5" in this checkout (a shallow clone: its history may not reach that far).');
      expect(run.stderr).toContain('hint: Fetch more history (git fetch --deepen=50, or git fetch --unshallow; fetch-depth: 0 in actions/checkout)');
    } finally {
      rmSync(shallow, { recursive: true, force: true });
    }
  }, 60_000);

  it('after restoring the applied file and adding a primary key: exits 0 and shows the plan', async () => {
    git(dir, 'checkout', '--quiet', 'main', '--', 'db/migrations/0002_orders.sql');
    writeFileSync(join(dir, 'db/migrations/0003_events.sql'), 'CREATE TABLE events (id bigint PRIMARY KEY, happened_at timestamptz NOT NULL, payload text);\n');
    commitAll(dir, 'fix the review');
    const run = await bb(['review', '--base', 'main', '--format', 'markdown'], { cwd: dir, env });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('db/migrations/0003_events.sql');
    expect(run.stdout).not.toContain('0002_orders.sql');
    expect(run.stdout).toContain('### Plan');
    expect(run.stdout).toMatch(/\| `dev\/app` \| \*\*0003\*\* \|/);
    // prod has only 0001: 0002 (already on main) and the new 0003 would run there.
    expect(run.stdout).toMatch(/\| `prod\/app` \| 0002, \*\*0003\*\* \|/);
    expect(run.stdout).toMatch(/\| `dr\/app` \| ⚠️ not reachable/);
  });

  it('sees untracked new files and writes the job summary when GITHUB_STEP_SUMMARY is set', async () => {
    writeFileSync(join(dir, 'db/migrations/0004_index.sql'), 'CREATE INDEX CONCURRENTLY users_name_idx ON users (name);\n');
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '');
    try {
      const run = await bb(['review', '--base', 'main', '--format', 'markdown'], { cwd: dir, env: { ...env, GITHUB_STEP_SUMMARY: summary } });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/`db\/migrations\/0004_index.sql` \| app \| new \| 1 \| \*\*no\*\*: CREATE INDEX CONCURRENTLY/i);
      // The plan says which versions would run without a transaction, per target.
      expect(run.stdout).toMatch(/\| `dev\/app` \| \*\*0003\*\*, \*\*0004\*\* \| 0004: CREATE INDEX CONCURRENTLY[^|]*\|\s+\|/i);
      expect(readFileSync(summary, 'utf8')).toBe(run.stdout);
    } finally {
      rmSync(join(dir, 'db/migrations/0004_index.sql'));
      rmSync(summary);
    }
  });

  it('shows the diff of the committed schema dump, and warns when the change does not update it', async () => {
    const none = await bb(['review', '--base', 'main', '--format', 'markdown'], { cwd: dir, env });
    expect(none.stdout).toMatch(/_Skipped: no committed schema dump for app \(bb dump --replay writes schema\/&lt;database&gt;\.sql/);
    // The dump lands on main; the branch merges main: the merge base has it and the branch does not change it.
    const dump = 'CREATE TABLE orders (id bigint PRIMARY KEY);\nCREATE TABLE users (id bigint PRIMARY KEY);\n';
    git(dir, 'checkout', '--quiet', 'main');
    mkdirSync(join(dir, 'schema'), { recursive: true });
    writeFileSync(join(dir, 'schema/app.sql'), dump);
    commitAll(dir, 'schema dump');
    git(dir, 'checkout', '--quiet', 'feature');
    git(dir, 'merge', '--quiet', '--no-edit', 'main');
    const stale = await bb(['review', '--base', 'main', '--format', 'markdown'], { cwd: dir, env });
    expect(stale.code, stale.stderr).toBe(0);
    expect(stale.stdout).toContain('⚠️ `schema/app.sql` is committed but this change does not update it: run `bb dump --replay --db app`');
    writeFileSync(join(dir, 'schema/app.sql'), `CREATE TABLE events (id bigint PRIMARY KEY, happened_at timestamptz NOT NULL, payload text);\n${dump}`);
    commitAll(dir, 'update the dump');
    const shown = await bb(['review', '--base', 'main', '--format', 'markdown'], { cwd: dir, env });
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/### Schema diff\n\n`schema\/app\.sql`\n\n```diff\n[\s\S]*\n\+CREATE TABLE events \(id bigint PRIMARY KEY, happened_at timestamptz NOT NULL, payload text\);\n CREATE TABLE orders[\s\S]*```/);
  }, 180_000);
});

describe('bb review with a misplaced -- bb: directive', () => {
  it('reports it as a directive finding of that file, as bb lint does, and still reviews the other files', async () => {
    const dir = project({
      'bb.config.yaml': 'databases:\n  app: { engine: postgres, migrations: db/migrations }\nenvironments:\n  - name: dev\n    targets: { app: pglite://.bb/dev/app }\n',
      '.gitignore': '.bb/\n',
      'db/migrations/0001_users.sql': USERS,
    });
    try {
      initRepo(dir);
      git(dir, 'checkout', '--quiet', '-b', 'feature');
      // bb:transaction below the first statement: bb migrate refuses the folder; review must say why, per file.
      writeFileSync(join(dir, 'db/migrations/0002_orders.sql'), `${ORDERS}-- bb:transaction off\nCREATE INDEX CONCURRENTLY orders_user ON orders (user_id);\n`);
      writeFileSync(join(dir, 'db/migrations/0003_events.sql'), 'CREATE TABLE events (happened_at timestamptz NOT NULL);\n');
      commitAll(dir, 'feature');
      const env = { GITHUB_BASE_REF: undefined, CI_MERGE_REQUEST_TARGET_BRANCH_NAME: undefined, GITHUB_STEP_SUMMARY: undefined };
      const run = await bb(['review', '--base', 'main', '--format', 'json'], { cwd: dir, env });
      expect(run.code, run.stderr).toBe(1);
      const data = JSON.parse(run.stdout) as { review: { files: { path: string; findings: { ruleId: string; level: string; span: { line: number } }[] }[] } };
      const byPath = new Map(data.review.files.map((f) => [f.path, f.findings.map((x) => `${x.level} ${x.ruleId}:${x.span.line}`)]));
      expect(byPath.get('db/migrations/0002_orders.sql')).toContain('error directive:2');
      expect(byPath.get('db/migrations/0003_events.sql')).toContain('error table.require-pk:1');
      const md = await bb(['review', '--base', 'main', '--format', 'markdown'], { cwd: dir, env });
      expect(md.code, md.stderr).toBe(1);
      expect(md.stdout).toMatch(/`directive` \| 2:\d+ \| "bb:transaction" must be in the comments at the top of the file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
