/**
 * The CI templates run as CI would run them, against a fixture repository (a real origin, a real
 * shallow clone, PGlite environments) and the local forge emulator:
 *   - action.yml: every `run:` step of the composite action in order, with its `if:`, `env:` and the
 *     ${{ inputs.* }} / ${{ github.* }} / ${{ steps.* }} expressions GitHub would substitute;
 *   - ci/bb.gitlab-ci.yml: the jobs a merge-request pipeline and a default-branch pipeline select by
 *     their `rules:`, with `extends:` and variables resolved, in `needs:` order.
 * Only `uses:` steps (actions/setup-node) are not run: Node is already here.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, ROOT, ensureBuilt } from './support/bb.js';
import { startForgeEmulator, type ForgeEmulator } from './support/forge-emulator.js';
import { GIT_ENV, git } from './support/git.js';

const TOKEN = 'ghs_ciTemplateToken_abcdef123456';
const GL_TOKEN = 'glpat-ciTemplate-123456';
const BB_CMD = `${process.execPath} ${BIN}`; // unquoted, as $BB is used in the templates (word-split)

const CONFIG = `databases:
  app: { engine: postgres, migrations: migrations }
environments:
  - name: dev
    targets: { app: pglite://.bb/dev/app }
  - name: staging
    targets: { app: pglite://.bb/staging/app }
  - name: prod
    protected: true
    targets: { app: pglite://.bb/prod/app }
`;

/** Async on purpose: the forge emulator answers from this same process. */
function sh(args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', args as string[], { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

interface StepRun { name: string; code: number; stdout: string; stderr: string; skipped?: string }

/** A repository with main (0001, 0002) and feature (adds 0003), pushed to a bare origin. */
function makeOrigin(root: string): string {
  const work = join(root, 'seed');
  mkdirSync(join(work, 'migrations'), { recursive: true });
  writeFileSync(join(work, 'bb.config.yaml'), CONFIG);
  writeFileSync(join(work, '.gitignore'), '.bb/\nbb-report.html\nbb-review.md\n');
  writeFileSync(join(work, 'migrations/0001_users.sql'), 'CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);\n');
  writeFileSync(join(work, 'migrations/0002_posts.sql'), 'CREATE TABLE posts (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id));\n');
  git(work, 'init', '--quiet', '--initial-branch=main');
  git(work, 'add', '-A');
  git(work, 'commit', '--quiet', '-m', 'schema');
  for (let i = 0; i < 3; i++) git(work, 'commit', '--quiet', '--allow-empty', '-m', `unrelated ${i}`);
  git(work, 'checkout', '--quiet', '-b', 'feature');
  writeFileSync(join(work, 'migrations/0003_tags.sql'), 'CREATE TABLE tags (id bigint PRIMARY KEY, label text NOT NULL);\n');
  git(work, 'add', '-A');
  git(work, 'commit', '--quiet', '-m', 'tags');
  const origin = join(root, 'origin.git');
  git(root, 'init', '--quiet', '--bare', origin);
  git(work, 'push', '--quiet', origin, 'main', 'feature');
  return origin;
}

function clone(origin: string, into: string, branch: string, depth?: number): string {
  git(tmpdir(), 'clone', '--quiet', ...(depth ? ['--depth', String(depth), '--no-single-branch'] : []), '--branch', branch, `file://${origin}`, into);
  return into;
}

/** ${{ … }} as GitHub evaluates the few forms the action uses. */
function evaluate(expr: string, ctx: { inputs: Record<string, string>; github: Record<string, string>; steps: Record<string, Record<string, string>> }): string | boolean {
  const js = expr
    .replace(/\balways\(\)/g, 'true')
    .replace(/\binputs\.([\w-]+)/g, (_m, k: string) => `(I[${JSON.stringify(k)}] ?? '')`)
    .replace(/\bgithub\.([\w-]+)/g, (_m, k: string) => `(G[${JSON.stringify(k)}] ?? '')`)
    .replace(/\bsteps\.([\w-]+)\.outputs\.([\w-]+)/g, (_m, s: string, k: string) => `((S[${JSON.stringify(s)}] ?? {})[${JSON.stringify(k)}] ?? '')`)
    .replace(/==/g, '===').replace(/!===/g, '!==');
  return new Function('I', 'G', 'S', `return (${js});`)(ctx.inputs, ctx.github, ctx.steps) as string | boolean;
}

function substitute(text: string, ctx: Parameters<typeof evaluate>[1]): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_m, e: string) => String(evaluate(e, ctx)));
}

/** Runs the composite action's steps as the runner would (bash -eo pipefail, env, if:, outputs). */
async function runAction(cwd: string, inputs: Record<string, string>, env: Record<string, string>): Promise<{ steps: StepRun[]; outputs: Record<string, Record<string, string>> }> {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }>; runs: { steps: { name: string; id?: string; if?: string; uses?: string; run?: string; shell?: string; env?: Record<string, string>; 'working-directory'?: string }[] } };
  const github = { token: env.GITHUB_TOKEN_FOR_DEFAULT ?? '', event_name: env.GITHUB_EVENT_NAME ?? '', action_path: ROOT };
  const allInputs: Record<string, string> = {};
  const steps: Record<string, Record<string, string>> = {};
  for (const [k, v] of Object.entries(action.inputs)) allInputs[k] = inputs[k] ?? substitute(String(v.default ?? ''), { inputs: {}, github, steps });
  const ran: StepRun[] = [];
  let failed = false;
  for (const step of action.runs.steps) {
    const ctx = { inputs: allInputs, github, steps };
    // GitHub's default condition is success(): after a failure only always() steps run.
    if (failed && !(step.if ?? '').includes('always()')) {
      ran.push({ name: step.name, code: 0, stdout: '', stderr: '', skipped: 'failed before' });
      continue;
    }
    if (step.if !== undefined && !evaluate(step.if.replace(/^\$\{\{\s*|\s*\}\}$/g, ''), ctx)) {
      ran.push({ name: step.name, code: 0, stdout: '', stderr: '', skipped: 'if' });
      continue;
    }
    if (step.uses) {
      ran.push({ name: step.name, code: 0, stdout: '', stderr: '', skipped: `uses ${step.uses}` });
      continue;
    }
    expect(step.shell).toBe('bash');
    const output = join(cwd, `.gh-output-${ran.length}`);
    writeFileSync(output, '');
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, substitute(String(v), ctx)]));
    const res = await sh(['--noprofile', '--norc', '-eo', 'pipefail', '-c', substitute(step.run!, ctx)], {
      cwd: join(cwd, substitute(step['working-directory'] ?? '.', ctx)),
      env: { ...process.env, ...GIT_ENV, NO_COLOR: '1', ...env, GITHUB_OUTPUT: output, ...stepEnv },
    });
    const outs: Record<string, string> = {};
    for (const line of readFileSync(output, 'utf8').split('\n')) {
      const eq = line.indexOf('=');
      if (eq > 0) outs[line.slice(0, eq)] = line.slice(eq + 1);
    }
    if (step.id) steps[step.id] = outs;
    ran.push({ name: step.name, code: res.code, stdout: res.stdout, stderr: res.stderr });
    if (res.code !== 0) failed = true;
  }
  return { steps: ran, outputs: steps };
}

interface GitlabJob { extends?: string | string[]; stage?: string; variables?: Record<string, string>; before_script?: string[]; script?: string[]; rules?: { if?: string; when?: string }[]; needs?: (string | { job: string })[]; environment?: { name: string }; artifacts?: { paths?: string[] } }

function resolveJob(all: Record<string, GitlabJob>, name: string): GitlabJob {
  const job = all[name]!;
  const parents = job.extends === undefined ? [] : Array.isArray(job.extends) ? job.extends : [job.extends];
  let merged: GitlabJob = {};
  for (const p of parents) merged = { ...merged, ...resolveJob(all, p), variables: { ...merged.variables, ...resolveJob(all, p).variables } };
  return { ...merged, ...job, variables: { ...merged.variables, ...job.variables } };
}

/** `rules:` → 'on_success' | 'manual' | 'always' | undefined (job not in the pipeline). */
function gitlabWhen(job: GitlabJob, vars: Record<string, string>): string | undefined {
  for (const rule of job.rules ?? [{}]) {
    if (rule.if === undefined) return rule.when ?? 'on_success';
    const js = rule.if.replace(/\$(\w+)/g, (_m, v: string) => JSON.stringify(vars[v] ?? '')).replace(/==/g, '===').replace(/!===/g, '!==');
    if (new Function(`return (${js});`)()) return rule.when ?? 'on_success';
  }
  return undefined;
}

async function runGitlabJob(cwd: string, template: { variables: Record<string, string> } & Record<string, unknown>, name: string, vars: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string; job: GitlabJob }> {
  const job = resolveJob(template as unknown as Record<string, GitlabJob>, name);
  const lines = [...(job.before_script ?? []), ...(job.script ?? [])];
  const res = await sh(['-e', '-c', lines.join('\n')], { cwd, env: { ...process.env, ...GIT_ENV, NO_COLOR: '1', ...template.variables, ...job.variables, ...vars } as NodeJS.ProcessEnv });
  return { ...res, job };
}

describe('CI templates against a fixture repository', () => {
  let root: string;
  let origin: string;
  let forge: ForgeEmulator;

  beforeAll(async () => {
    ensureBuilt();
    root = mkdtempSync(join(tmpdir(), 'bb-ci-'));
    origin = makeOrigin(root);
    forge = await startForgeEmulator({ githubToken: TOKEN, gitlabToken: GL_TOKEN });
  });
  afterAll(async () => {
    await forge?.close();
    rmSync(root, { recursive: true, force: true });
  });

  describe('GitHub Action (action.yml)', () => {
    it('on a pull request: fetches the base into a shallow clone, reviews, comments once, writes the job summary', async () => {
      const cwd = clone(origin, join(root, 'gh-pr'), 'feature', 1);
      expect(git(cwd, 'rev-parse', '--is-shallow-repository')).toBe('true');
      const event = join(root, 'gh-event.json');
      writeFileSync(event, JSON.stringify({ number: 5, pull_request: { number: 5 } }));
      const summary = join(root, 'gh-summary.md');
      writeFileSync(summary, '');
      const env = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_BASE_REF: 'main', GITHUB_REPOSITORY: 'acme/app', GITHUB_EVENT_PATH: event, GITHUB_API_URL: forge.githubApi, GITHUB_STEP_SUMMARY: summary, GITHUB_TOKEN_FOR_DEFAULT: TOKEN };
      for (let i = 0; i < 2; i++) {
        const { steps, outputs } = await runAction(cwd, { bb: BB_CMD }, env);
        expect(steps.map((s) => [s.name, s.skipped ?? s.code])).toEqual([
          ['Set up Node.js', 'uses actions/setup-node@v4'], ['Install dependencies', 0], ['Fetch the base branch (review)', 0], ['bb', 0], ['Report', 'if'],
        ]);
        expect(outputs.bb).toMatchObject({ 'bb-mode': 'review', 'exit-code': '0' });
        const review = steps[3]!;
        expect(review.stdout).toContain('migrations/0003_tags.sql');
        expect(review.stdout + review.stderr).not.toContain(TOKEN);
      }
      expect(git(cwd, 'rev-parse', '--is-shallow-repository')).toBe('false');
      const comments = forge.threads.get('acme/app#5')!;
      expect(comments).toHaveLength(1);
      expect(comments[0]!.body).toContain('<!-- bb:review -->');
      expect(readFileSync(summary, 'utf8')).toContain('## ✅ bb review: 0 errors');
    }, 300_000);

    it('on the default branch: rollout to staging in one job, prod with yes in an approved job, report each time', async () => {
      const cwd = clone(origin, join(root, 'gh-main'), 'main');
      git(cwd, 'merge', '--quiet', '--no-edit', 'origin/feature');
      const summary = join(root, 'gh-summary-main.md');
      writeFileSync(summary, '');
      const env = { GITHUB_EVENT_NAME: 'push', GITHUB_REF_NAME: 'main', GITHUB_STEP_SUMMARY: summary, GITHUB_TOKEN_FOR_DEFAULT: TOKEN };
      const staging = await runAction(cwd, { bb: BB_CMD, to: 'staging' }, env);
      expect(staging.steps.map((s) => [s.name, s.skipped ?? s.code])).toEqual([
        ['Set up Node.js', 'uses actions/setup-node@v4'], ['Install dependencies', 0], ['Fetch the base branch (review)', 0], ['bb', 0], ['Report', 0],
      ]);
      expect(staging.steps[3]!.stdout).toMatch(/Rollout complete: dev → staging\./);
      expect(staging.outputs.report!.path).toBe(join(cwd, 'bb-report.html'));
      expect(existsSync(join(cwd, 'bb-report.html'))).toBe(true);
      expect(readFileSync(summary, 'utf8')).toMatch(/\| `prod\/app` \| \(none\) \| · 3 pending \|/);

      // Without yes the protected environment stops the job (exit 1) and says so.
      const refused = await runAction(cwd, { bb: BB_CMD, env: 'prod', to: 'prod' }, env);
      expect(refused.steps[3]!.code).toBe(1);
      expect(refused.outputs.bb).toMatchObject({ 'exit-code': '1' });
      expect(refused.steps[3]!.stdout).toMatch(/Stopped before prod: it is protected/);
      expect(refused.steps[4]!.skipped).toBeUndefined(); // always(): the report still runs

      const prod = await runAction(cwd, { bb: BB_CMD, env: 'prod', to: 'prod', yes: 'true' }, env);
      expect(prod.outputs.bb).toMatchObject({ 'bb-mode': 'rollout', 'exit-code': '0' });
      expect(prod.steps[3]!.stdout).toMatch(/^prod \*\s+prod\/app\s+✓ applied\s+3\s+0003/m);
    }, 300_000);
  });

  describe('GitLab CI template (ci/bb.gitlab-ci.yml)', () => {
    const template = parse(readFileSync(join(ROOT, 'ci/bb.gitlab-ci.yml'), 'utf8')) as { variables: Record<string, string> } & Record<string, GitlabJob>;
    const jobsFor = (vars: Record<string, string>): Record<string, string> =>
      Object.fromEntries(Object.keys(template).filter((n) => !n.startsWith('.') && n !== 'variables' && n !== 'stages' && n !== 'include').flatMap((n) => {
        const when = gitlabWhen(resolveJob(template, n), vars);
        return when ? [[n, when]] : [];
      }));

    it('a merge request pipeline runs bb:review only, which posts one note and keeps bb-review.md', async () => {
      const cwd = clone(origin, join(root, 'gl-mr'), 'feature', 20);
      const vars = {
        BB: BB_CMD, CI_PIPELINE_SOURCE: 'merge_request_event', CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main', CI_COMMIT_BRANCH: '', CI_DEFAULT_BRANCH: 'main',
        BB_GITLAB_TOKEN: GL_TOKEN, CI_API_V4_URL: forge.gitlabApi, CI_PROJECT_ID: '42', CI_MERGE_REQUEST_IID: '3',
      };
      expect(jobsFor(vars)).toEqual({ 'bb:review': 'on_success' });
      for (let i = 0; i < 2; i++) {
        const run = await runGitlabJob(cwd, template, 'bb:review', vars);
        expect(run.code, run.stdout + run.stderr).toBe(0);
        expect(run.stdout).toContain('migrations/0003_tags.sql');
        expect(run.stdout + run.stderr).not.toContain(GL_TOKEN);
      }
      expect(template.variables).toMatchObject({ BB: 'npx --no-install bb', BB_CONFIG_ARGS: '' }); // the defaults the pipeline overrides
      expect(forge.threads.get('42!3')).toHaveLength(1);
      expect(readFileSync(join(cwd, 'bb-review.md'), 'utf8')).toContain('<!-- bb:review -->');
      // Without a token it still reviews (exit code as bb lint), and does not post.
      const plain = await runGitlabJob(cwd, template, 'bb:review', { ...vars, BB_GITLAB_TOKEN: '' });
      expect(plain.code).toBe(0);
      expect(forge.threads.get('42!3')).toHaveLength(1);
    }, 300_000);

    it('a default-branch pipeline deploys dev → staging, prod is manual, and the report is kept', async () => {
      const cwd = clone(origin, join(root, 'gl-main'), 'main');
      git(cwd, 'merge', '--quiet', '--no-edit', 'origin/feature');
      const vars = { BB: BB_CMD, CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'main', CI_DEFAULT_BRANCH: 'main' };
      expect(jobsFor(vars)).toEqual({ 'bb:deploy:dev': 'on_success', 'bb:deploy:staging': 'on_success', 'bb:deploy:prod': 'manual', 'bb:report': 'always' });
      const order = ['bb:deploy:dev', 'bb:deploy:staging', 'bb:deploy:prod'];
      order.forEach((name, i) => {
        const job = resolveJob(template, name);
        expect(job.environment?.name).toBe('$BB_ENV');
        if (i > 0) expect(job.needs).toEqual([order[i - 1]]);
      });
      for (const name of ['bb:deploy:dev', 'bb:deploy:staging']) {
        const run = await runGitlabJob(cwd, template, name, vars);
        expect(run.code, run.stdout + run.stderr).toBe(0);
        expect(run.stdout).toMatch(/3 migrations applied/);
      }
      // Someone clicks the manual prod job.
      const prod = await runGitlabJob(cwd, template, 'bb:deploy:prod', vars);
      expect(prod.code, prod.stdout + prod.stderr).toBe(0);
      expect(prod.stdout).toMatch(/prod\/app: 3 migrations applied/);
      const report = await runGitlabJob(cwd, template, 'bb:report', vars);
      expect(report.code, report.stdout + report.stderr).toBe(0);
      expect(readFileSync(join(cwd, 'bb-report.html'), 'utf8')).toContain('data-state="done" data-column="prod/app"');
    }, 300_000);
  });
});
