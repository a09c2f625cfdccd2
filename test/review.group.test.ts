/** `bb review` with a group target (tenant fleet): members with the same plan share one row; edits name the members. */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bb, project } from './support/bb.js';
import { commitAll, git, initRepo } from './support/git.js';

const config = (members: readonly string[]): string => `databases:
  app: { engine: postgres, migrations: migrations }
environments:
  - name: prod
    targets:
      app:
        urls: [ ${members.map((m) => `"pglite://.bb/prod/${m}"`).join(', ')} ]
`;

describe('bb review on a tenant fleet', () => {
  let dir: string;
  const env = { GITHUB_BASE_REF: undefined, CI_MERGE_REQUEST_TARGET_BRANCH_NAME: undefined, GITHUB_STEP_SUMMARY: undefined };

  beforeAll(async () => {
    dir = project({
      'bb.config.yaml': config(['acme', 'globex']),
      '.gitignore': '.bb/\n',
      'migrations/0001_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n',
    });
    initRepo(dir);
    const run = await bb(['migrate', '--env', 'prod', '--yes'], { cwd: dir, env });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    // A third tenant joins later: nothing applied there yet.
    writeFileSync(join(dir, 'bb.config.yaml'), config(['acme', 'globex', 'initech']));
    commitAll(dir, 'initech');
    git(dir, 'checkout', '--quiet', '-b', 'feature');
    writeFileSync(join(dir, 'migrations/0001_users.sql'), 'CREATE TABLE users (id bigint PRIMARY KEY, email text);\n');
    writeFileSync(join(dir, 'migrations/0002_posts.sql'), 'CREATE TABLE posts (id bigint PRIMARY KEY);\n');
    commitAll(dir, 'feature');
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the members an edited file is applied on, and groups members by plan', async () => {
    const run = await bb(['review', '--base', 'main', '--format', 'json'], { cwd: dir, env });
    expect(run.code, run.stderr).toBe(1);
    const { review } = JSON.parse(run.stdout) as { review: { files: { path: string; appliedOn: string[]; problem?: { message: string } }[]; plans: { environment: string; targets: { target: string; members?: string[]; steps: { version: string }[] }[] }[] } };
    const edited = review.files.find((f) => f.path === 'migrations/0001_users.sql')!;
    expect(edited.appliedOn).toEqual(['prod/app[acme]', 'prod/app[globex]']);
    expect(edited.problem!.message).toContain('applied on prod (prod/app[acme], prod/app[globex])');
    const plans = review.plans[0]!.targets.map((t) => [t.target, t.members, t.steps.map((s) => s.version)]);
    expect(plans).toEqual([
      ['prod/app', ['acme', 'globex'], ['0002']],
      ['prod/app', ['initech'], ['0001', '0002']],
    ]);
    const md = await bb(['review', '--base', 'main', '--format', 'markdown'], { cwd: dir, env });
    expect(md.stdout).toContain('| `prod/app` (2 members: acme, globex) | **0002** |');
    expect(md.stdout).toContain('| `prod/app` (1 member: initech) | **0001**, **0002** |');
  }, 120_000);
});
