/** Real git in throwaway repositories, for the review and CI template tests. */
import { execFileSync } from 'node:child_process';

export const GIT_ENV = {
  GIT_AUTHOR_NAME: 'bb test', GIT_AUTHOR_EMAIL: 'test@bb.invalid',
  GIT_COMMITTER_NAME: 'bb test', GIT_COMMITTER_EMAIL: 'test@bb.invalid',
  GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0',
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' }).trim();
}

/** git init on branch main, everything committed. */
export function initRepo(cwd: string, message = 'initial'): void {
  git(cwd, 'init', '--quiet', '--initial-branch=main');
  git(cwd, 'add', '-A');
  git(cwd, 'commit', '--quiet', '-m', message);
}

export function commitAll(cwd: string, message: string): void {
  git(cwd, 'add', '-A');
  git(cwd, 'commit', '--quiet', '-m', message);
}
