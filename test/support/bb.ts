/** Runs the real `bb` binary (bin/bb.js → dist) as a user would, capturing output and exit code. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin/bb.js');
export const CORPORA = resolve(ROOT, '../shared/corpora');

/** `code` is the exit status a shell reports: 128 + the signal's number when bb died of a signal (`signal`). */
export interface BbRun { readonly code: number; readonly signal?: NodeJS.Signals; readonly stdout: string; readonly stderr: string }

export function ensureBuilt(): void {
  if (!existsSync(join(ROOT, 'dist/bundle/main.cjs'))) throw new Error('dist/ is missing: run `npm run build` (npm test does it first).');
}

/** Starts bb; resolves when it exits. */
export function bb(args: readonly string[], options: { cwd: string; env?: Record<string, string | undefined>; timeoutMs?: number } ): Promise<BbRun> & { child: ChildProcess } {
  ensureBuilt();
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
  const done = new Promise<BbRun>((resolvePromise) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1), ...(signal ? { signal } : {}), stdout, stderr });
    });
  }) as Promise<BbRun> & { child: ChildProcess };
  done.child = child;
  return done;
}

/** A throwaway project folder with the given files (paths relative to it). */
export function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bb-e2e-'));
  for (const [path, content] of Object.entries(files)) {
    const abs = join(dir, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return dir;
}

/** Asserts nothing a user should never see: stack frames or the given secrets. */
export function clean(run: BbRun, secrets: readonly string[] = []): boolean {
  const text = run.stdout + run.stderr;
  return !/\n\s+at .+\(.+:\d+:\d+\)/.test(text) && secrets.every((s) => !text.includes(s));
}
