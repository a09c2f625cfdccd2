/**
 * Running the engines' own command-line tools (pg_dump, pg_restore, mariadb-dump, mariadb): found on
 * PATH (or in a folder the engine names), version-checked, spawned without a shell, passwords passed
 * through the environment rather than argv, stderr kept for the error message.
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, readdirSync } from 'node:fs';
import { basename, delimiter, join } from 'node:path';
import { BbError, interruptedBy } from '../errors.js';

/** The first `name` on PATH or in `extraDirs`, or undefined. */
export function findTool(name: string, extraDirs: readonly string[] = []): string | undefined {
  for (const dir of [...extraDirs, ...(process.env.PATH ?? '').split(delimiter)]) {
    if (!dir) continue;
    const path = join(dir, name);
    if (existsSync(path)) return path;
  }
  return undefined;
}

/** Folders like /usr/lib/postgresql/16/bin, newest first: Debian keeps one per major version there. */
export function versionedDirs(root: string, sub: string): string[] {
  try {
    return readdirSync(root)
      .filter((d) => /^\d+(\.\d+)?$/.test(d))
      .sort((a, b) => Number(b) - Number(a))
      .map((d) => join(root, d, sub));
  } catch {
    return [];
  }
}

export interface ToolRun {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a tool to completion. stdin from a file, stdout to a file (streamed, never buffered) or kept
 * (small outputs such as --version). A non-zero exit is a BbError('apply') quoting its stderr.
 */
export async function runTool(
  path: string,
  args: readonly string[],
  options: { env?: Record<string, string>; stdinFile?: string; stdoutFile?: string; signal?: AbortSignal; what: string },
): Promise<ToolRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(path, args, {
      env: { ...process.env, ...options.env },
      stdio: [options.stdinFile ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      ...(options.signal ? { signal: options.signal } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.on('error', (error: NodeJS.ErrnoException) => {
      // Node kills the tool when the signal aborts and reports it as an error: the tool had started.
      const by = interruptedBy(options.signal);
      if (by) reject(new BbError('interrupted', `${options.what}: ${basename(path)} was stopped by ${by}.`, { code: 'backup.interrupted', cause: error }));
      else if (error.code === 'ENOENT') reject(new BbError('config', `${options.what}: ${path} is not installed.`, { hint: 'Install the database client tools and run again.', code: 'backup.tool-missing' }));
      else reject(new BbError('apply', `${options.what}: ${path} failed to start: ${error.message}.`, { cause: error }));
    });
    if (options.stdoutFile) child.stdout!.pipe(createWriteStream(options.stdoutFile));
    else child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => {
      if (stderr.length < 64_000) stderr += d.toString();
    });
    if (options.stdinFile && child.stdin) {
      const input = createReadStream(options.stdinFile);
      input.on('error', (e) => child.kill() && reject(e));
      child.stdin.on('error', () => undefined); // the tool exited early: its exit code says why
      input.pipe(child.stdin);
    }
    child.on('close', (code, killedBy) => {
      if (code === 0) resolvePromise({ stdout, stderr });
      else {
        // A Ctrl-C on a terminal reaches the tool too, which may end before Node reports the abort.
        const by = interruptedBy(options.signal);
        if (by) return reject(new BbError('interrupted', `${options.what}: ${basename(path)} was stopped by ${by}.`, { code: 'backup.interrupted' }));
        const detail = stderr.trim().split('\n').filter(Boolean).slice(-3).join(' / ');
        const ended = code === null ? `was killed by ${killedBy ?? 'a signal'}` : `exited with code ${code}`;
        reject(new BbError('apply', `${options.what}: ${basename(path)} ${ended}${detail ? `: ${detail}` : ''}.`, { hint: 'Read the tool\'s message above; fix the cause and run again.', code: 'backup.tool-failed' }));
      }
    });
  });
}

/** "pg_dump (PostgreSQL) 15.20 (Debian …)" → [15, 20]; undefined when there is no version in it. */
export function versionNumbers(text: string): number[] | undefined {
  const m = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  return m ? [Number(m[1]), Number(m[2]), ...(m[3] ? [Number(m[3])] : [])] : undefined;
}
