/**
 * `bb review --post github|gitlab` against the local forge emulator (never the real services): three
 * runs leave exactly one comment, updated in place; a wrong token is a clear error with exit 3; the
 * token appears nowhere in the output.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bb, clean, project } from './support/bb.js';
import { startForgeEmulator, type ForgeEmulator } from './support/forge-emulator.js';
import { commitAll, git, initRepo } from './support/git.js';

const GITHUB_TOKEN = 'ghs_bbTestSecretToken0123456789abcdef';
const GITLAB_TOKEN = 'glpat-bbTestSecret-9876543210';

describe('bb review --post', () => {
  let dir: string;
  let forge: ForgeEmulator;
  let eventPath: string;
  const clear = { GITHUB_BASE_REF: undefined, CI_MERGE_REQUEST_TARGET_BRANCH_NAME: undefined, GITHUB_STEP_SUMMARY: undefined, GITHUB_TOKEN: undefined, BB_GITLAB_TOKEN: undefined };

  beforeAll(async () => {
    forge = await startForgeEmulator({ githubToken: GITHUB_TOKEN, gitlabToken: GITLAB_TOKEN, pageSize: 2 });
    dir = project({
      'bb.config.yaml': `databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: dev\n    targets: { app: pglite://.bb/dev/app }\n`,
      '.gitignore': '.bb/\nevent.json\n',
      'migrations/0001_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n',
    });
    initRepo(dir);
    git(dir, 'checkout', '--quiet', '-b', 'feature');
    writeFileSync(join(dir, 'migrations/0002_posts.sql'), 'CREATE TABLE posts (id bigint PRIMARY KEY, title text);\n');
    commitAll(dir, 'posts');
    eventPath = join(dir, 'event.json');
    writeFileSync(eventPath, JSON.stringify({ action: 'synchronize', number: 7, pull_request: { number: 7 } }));
    // Other people's comments first, so the marker search has to page.
    forge.threads.set('acme/shop#7', [1, 2, 3].map((i) => ({ id: i, body: `looks good ${i}`, author: 'someone' })));
    forge.threads.set('acme/shop!12', [
      { id: 1, body: 'assigned to @someone', author: 'someone', system: true },
      { id: 2, body: 'please review', author: 'someone' },
      { id: 3, body: 'ok', author: 'someone' },
    ]);
  }, 120_000);
  afterAll(async () => {
    await forge.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const githubEnv = (token = GITHUB_TOKEN): Record<string, string | undefined> => ({
    ...clear, GITHUB_TOKEN: token, GITHUB_REPOSITORY: 'acme/shop', GITHUB_EVENT_PATH: eventPath, GITHUB_API_URL: forge.githubApi, GITHUB_BASE_REF: 'main',
  });
  const gitlabEnv = (token = GITLAB_TOKEN): Record<string, string | undefined> => ({
    ...clear, BB_GITLAB_TOKEN: token, CI_API_V4_URL: forge.gitlabApi, CI_PROJECT_ID: 'acme/shop', CI_MERGE_REQUEST_IID: '12', CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
  });

  it('GitHub: three runs leave one comment, updated in place', async () => {
    const ids = new Set<number>();
    for (let i = 1; i <= 3; i++) {
      if (i === 3) {
        writeFileSync(join(dir, 'migrations/0003_tags.sql'), 'CREATE TABLE tags (name text PRIMARY KEY);\n');
        commitAll(dir, 'tags');
      }
      const run = await bb(['review', '--post', 'github'], { cwd: dir, env: githubEnv() });
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(i === 1 ? /Posted the review comment on acme\/shop#7/ : /Updated the review comment on acme\/shop#7/);
      expect(clean(run, [GITHUB_TOKEN])).toBe(true);
      const ours = forge.threads.get('acme/shop#7')!.filter((c) => c.body.includes('<!-- bb:review -->'));
      expect(ours).toHaveLength(1);
      ids.add(ours[0]!.id);
    }
    expect(ids.size).toBe(1);
    const thread = forge.threads.get('acme/shop#7')!;
    expect(thread).toHaveLength(4);
    expect(thread[3]!.body).toContain('migrations/0003_tags.sql'); // the third run's content
    expect(thread.slice(0, 3).map((c) => c.body)).toEqual(['looks good 1', 'looks good 2', 'looks good 3']);
    // The token went in the Authorization header, and the list was paged.
    expect(forge.requests.some((r) => r.path.includes('page=2') && r.auth === `Bearer ${GITHUB_TOKEN}`)).toBe(true);
    expect(forge.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(forge.requests.filter((r) => r.method === 'PATCH')).toHaveLength(2);
  }, 240_000);

  it('GitHub: a wrong token is a clear error, exit 3, and the token is never printed', async () => {
    const wrong = 'ghs_WRONGwrongWRONGwrong42';
    for (const format of ['pretty', 'markdown', 'json']) {
      const run = await bb(['review', '--post', 'github', '--format', format], { cwd: dir, env: githubEnv(wrong) });
      expect(run.code, `${format}: ${run.stdout}${run.stderr}`).toBe(3);
      expect(run.stdout + run.stderr).toMatch(/GitHub rejected GITHUB_TOKEN \(401 \\?"Bad credentials\\?"\)/);
      expect(clean(run, [wrong, GITHUB_TOKEN])).toBe(true);
    }
    expect(forge.threads.get('acme/shop#7')!.filter((c) => c.body.includes('<!-- bb:review -->'))).toHaveLength(1);
  }, 240_000);

  it('GitHub: a missing variable is a usage error naming it', async () => {
    const run = await bb(['review', '--post', 'github'], { cwd: dir, env: { ...githubEnv(), GITHUB_REPOSITORY: undefined } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--post github needs GITHUB_REPOSITORY/);
    expect(clean(run, [GITHUB_TOKEN])).toBe(true);
  });

  it('GitLab: three runs leave one note, updated in place; system notes are ignored', async () => {
    for (let i = 1; i <= 3; i++) {
      const run = await bb(['review', '--post', 'gitlab', '--format', 'markdown'], { cwd: dir, env: gitlabEnv() });
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout.startsWith('<!-- bb:review -->')).toBe(true);
      expect(clean(run, [GITLAB_TOKEN])).toBe(true);
    }
    const notes = forge.threads.get('acme/shop!12')!;
    expect(notes).toHaveLength(4);
    expect(notes.filter((n) => n.body.includes('<!-- bb:review -->'))).toHaveLength(1);
    expect(forge.requests.some((r) => r.path.startsWith('/gitlab/api/v4/projects/acme%2Fshop/merge_requests/12/notes') && r.auth === GITLAB_TOKEN)).toBe(true);
  }, 240_000);

  it('GitLab: a wrong token is a clear error, exit 3, and the token is never printed', async () => {
    const wrong = 'glpat-WRONG-token-000';
    const run = await bb(['review', '--post', 'gitlab'], { cwd: dir, env: gitlabEnv(wrong) });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/GitLab rejected BB_GITLAB_TOKEN \(401 "401 Unauthorized"\)/);
    expect(run.stderr).toMatch(/hint: .*api scope/);
    expect(clean(run, [wrong, GITLAB_TOKEN])).toBe(true);
  });

  it('a review longer than GitHub allows is cut at a line break, saying so, and still found by its marker', async () => {
    const { postComment, MAX_BODY } = await import('../src/post/post.js');
    const env = { ...githubEnv(), GITHUB_EVENT_PATH: join(dir, 'event-99.json') } as NodeJS.ProcessEnv;
    writeFileSync(env.GITHUB_EVENT_PATH!, JSON.stringify({ pull_request: { number: 99 } }));
    const huge = `<!-- bb:review -->\n${'| a | b | c |\n'.repeat(10_000)}`;
    const first = await postComment('github', huge, '<!-- bb:review -->', env);
    const second = await postComment('github', huge, '<!-- bb:review -->', env);
    expect([first.action, second.action]).toEqual(['created', 'updated']);
    const [comment] = forge.threads.get('acme/shop#99')!;
    expect(comment!.body.length).toBeLessThanOrEqual(MAX_BODY.github);
    expect(comment!.body).toMatch(/\| a \| b \| c \|\n\n… \(truncated: the full review is in the job summary/);
    expect(forge.threads.get('acme/shop#99')).toHaveLength(1);
  });

  it('an unreachable API is exit 3 too', async () => {
    const run = await bb(['review', '--post', 'gitlab'], { cwd: dir, env: { ...gitlabEnv(), CI_API_V4_URL: 'http://127.0.0.1:9/api/v4' } });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/Cannot reach the GitLab API at http:\/\/127\.0\.0\.1:9/);
    expect(clean(run, [GITLAB_TOKEN])).toBe(true);
  });
});
