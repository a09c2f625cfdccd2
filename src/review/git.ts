/**
 * The few git questions `bb review` asks, answered by the real git binary: which base to compare with,
 * and which files the checkout adds, changes or removes relative to it (`git diff --name-status`
 * against the merge base, plus untracked files, so a review before the first commit sees them too).
 */
import { execFile } from 'node:child_process';
import { BbError } from '../errors.js';

export interface ChangedFile {
  /** Repository-relative, posix separators. */
  readonly path: string;
  readonly status: 'added' | 'modified' | 'deleted';
}

export interface GitBase {
  /** What the user (or CI) named: a branch, tag or commit. */
  readonly ref: string;
  /** Where it came from: --base, GITHUB_BASE_REF, CI_MERGE_REQUEST_TARGET_BRANCH_NAME or the default branch. */
  readonly source: string;
  /** The merge base of ref and HEAD (full sha): what the diff is taken against. */
  readonly mergeBase: string;
}

function git(cwd: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args as string[], { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } }, (error, stdout, stderr) => {
      if (error) {
        const e = error as Error & { code?: unknown };
        if (e.code === 'ENOENT') {
          reject(new BbError('usage', 'bb review needs git, and git is not installed (or not on PATH).', { hint: 'Install git, or run bb review in a CI job that has it.', code: 'usage.no-git' }));
          return;
        }
        reject(Object.assign(new Error((stderr || e.message).trim()), { stderr }));
        return;
      }
      resolve(stdout);
    });
  });
}

async function tryGit(cwd: string, args: readonly string[]): Promise<string | undefined> {
  try {
    return (await git(cwd, args)).trim();
  } catch (error) {
    if (error instanceof BbError) throw error;
    return undefined;
  }
}

/** The repository's top folder; a usage error when cwd is not inside a git work tree. */
export async function repoRoot(cwd: string): Promise<string> {
  const top = await tryGit(cwd, ['rev-parse', '--show-toplevel']);
  if (!top) {
    throw new BbError('usage', `${cwd} is not inside a git repository: bb review compares the checkout with a base branch.`, {
      hint: 'Run bb review in the repository (CI: check it out with its history, e.g. actions/checkout with fetch-depth: 0).',
      code: 'usage.not-a-repo',
    });
  }
  return top;
}

/**
 * The base to compare with: --base, else the pull/merge request's target branch from CI variables,
 * else the default branch (origin/HEAD, then main, then master). The result is the merge base with HEAD,
 * so commits that landed on the base after the branch started are not mistaken for removals.
 */
export async function resolveBase(cwd: string, explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<GitBase> {
  const candidates: { ref: string; source: string }[] = [];
  const branch = (name: string, source: string): void => {
    // CI names a branch; the checkout usually has it only as a remote-tracking ref.
    candidates.push({ ref: `origin/${name}`, source }, { ref: name, source });
  };
  if (explicit) candidates.push({ ref: explicit, source: '--base' }, ...(explicit.includes('/') ? [] : [{ ref: `origin/${explicit}`, source: '--base' }]));
  else if (env.GITHUB_BASE_REF) branch(env.GITHUB_BASE_REF, 'GITHUB_BASE_REF');
  else if (env.CI_MERGE_REQUEST_TARGET_BRANCH_NAME) branch(env.CI_MERGE_REQUEST_TARGET_BRANCH_NAME, 'CI_MERGE_REQUEST_TARGET_BRANCH_NAME');
  else {
    const head = await tryGit(cwd, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']);
    if (head) candidates.push({ ref: head, source: 'default branch (origin/HEAD)' });
    for (const name of ['main', 'master']) branch(name, 'default branch');
  }
  for (const c of candidates) {
    const sha = await tryGit(cwd, ['rev-parse', '--verify', '--quiet', `${c.ref}^{commit}`]);
    if (!sha) continue;
    const mergeBase = await tryGit(cwd, ['merge-base', sha, 'HEAD']);
    if (!mergeBase) {
      throw new BbError('usage', `${c.ref} (from ${c.source}) and HEAD have no common history.`, {
        hint: 'Fetch the full history (git fetch --unshallow, or fetch-depth: 0 in actions/checkout) or pass --base <commit>.',
        code: 'usage.no-merge-base',
      });
    }
    return { ref: c.ref, source: c.source, mergeBase };
  }
  const wanted = explicit ?? env.GITHUB_BASE_REF ?? env.CI_MERGE_REQUEST_TARGET_BRANCH_NAME;
  // A revision (HEAD~5, a sha) cannot be fetched by name; in a shallow clone it is usually just older
  // than the history the checkout has.
  const revision = wanted !== undefined && (/[~^@:]/.test(wanted) || /^HEAD\b/.test(wanted) || /^[0-9a-f]{7,40}$/i.test(wanted));
  const shallow = revision && (await tryGit(cwd, ['rev-parse', '--is-shallow-repository'])) === 'true';
  throw new BbError('usage', wanted ? `Cannot find the base "${wanted}" in this checkout${shallow ? ' (a shallow clone: its history may not reach that far)' : ''}.` : 'Cannot find the default branch to compare with (no origin/HEAD, main or master).', {
    hint: !wanted
      ? 'Pass --base <branch|commit>.'
      : shallow
        ? 'Fetch more history (git fetch --deepen=50, or git fetch --unshallow; fetch-depth: 0 in actions/checkout), or pass --base <branch>.'
        : revision
          ? 'Pass --base a branch or commit that exists here (git log lists them).'
          : `Fetch it first (git fetch origin ${wanted}) or pass --base <branch|commit>.`,
    code: 'usage.no-base',
  });
}

/** Files added, changed or removed since `base` (committed or not), plus untracked files; renames count as delete + add. */
export async function changedFiles(cwd: string, base: string): Promise<ChangedFile[]> {
  const root = await repoRoot(cwd);
  const diff = await git(root, ['diff', '--name-status', '--no-renames', '-z', base, '--']);
  const out = new Map<string, ChangedFile>();
  const parts = diff.split('\0');
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const code = parts[i]!;
    const path = parts[i + 1]!;
    if (!code) continue;
    const status = code.startsWith('A') ? 'added' : code.startsWith('D') ? 'deleted' : 'modified';
    out.set(path, { path, status });
  }
  const untracked = await git(root, ['ls-files', '--others', '--exclude-standard', '-z']);
  for (const path of untracked.split('\0')) if (path && !out.has(path)) out.set(path, { path, status: 'added' });
  return [...out.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/** A file's text at a commit, or undefined when it did not exist there. */
export async function showFile(cwd: string, commit: string, path: string): Promise<string | undefined> {
  try {
    return await git(await repoRoot(cwd), ['show', `${commit}:${path}`]);
  } catch (error) {
    if (error instanceof BbError) throw error;
    return undefined;
  }
}

/** Unified diff of one file between `base` and the working tree ('' when unchanged). */
export async function diffFile(cwd: string, base: string, path: string): Promise<string> {
  return git(await repoRoot(cwd), ['diff', '--no-color', '--no-ext-diff', '-U3', base, '--', path]);
}
