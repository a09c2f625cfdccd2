/**
 * Runs one command as a child process and measures it: wall time from spawn to exit, exit code,
 * captured output (the tail), the peak resident memory of its process tree (sampled from /proc), and,
 * where GNU time is installed, its CPU time (user + system, including the children it waited for).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RssSampler } from './rss.js';

const GNU_TIME = '/usr/bin/time';
const HAS_GNU_TIME = process.platform === 'linux' && existsSync(GNU_TIME);
let timeDir = '';
let timeSeq = 0;

const OUTPUT_CAP = 256 * 1024; // keep the last 256 KiB of each stream: enough to explain a failure

/**
 * @typedef {object} RunResult
 * @property {number} code        exit code (128 + signal number style: 128 when killed by a signal)
 * @property {string | null} signal
 * @property {number} wallMs      spawn → exit, milliseconds
 * @property {number | null} peakRssKb  peak RSS of the process tree (KiB), null where /proc is unavailable
 * @property {number | null} cpuMs      user + system CPU (10 ms resolution), null without GNU time
 * @property {string} stdout
 * @property {string} stderr
 * @property {boolean} timedOut
 */

/**
 * @param {string} command
 * @param {readonly string[]} args
 * @param {{ cwd?: string, env?: Record<string, string | undefined>, timeoutMs?: number, sampleMs?: number }} [options]
 * @returns {Promise<RunResult>}
 */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env };
    for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
    // GNU time adds one fork+exec (about a millisecond) to every tool alike; it reports exact CPU time
    let cpuFile = '';
    let argv = [command, ...args];
    if (HAS_GNU_TIME) {
      if (!timeDir) {
        timeDir = mkdtempSync(join(tmpdir(), 'bb-bench-time-'));
        const dir = timeDir;
        process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
      }
      cpuFile = join(timeDir, `${process.pid}-${timeSeq++}.txt`);
      argv = [GNU_TIME, '-f', '%U %S', '-o', cpuFile, '--', command, ...args];
    }
    const start = process.hrtime.bigint();
    const child = spawn(/** @type {string} */ (argv[0]), argv.slice(1), { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let exitAt = 0n;
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const sampler = child.pid === undefined ? null : new RssSampler(child.pid, options.sampleMs ?? 10, { skipRoot: HAS_GNU_TIME });
    child.stdout.on('data', (d) => (stdout = cap(stdout + d.toString())));
    child.stderr.on('data', (d) => (stderr = cap(stderr + d.toString())));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 600_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      sampler?.stop();
      reject(new Error(`cannot start ${command}: ${error.message}`));
    });
    child.on('exit', () => {
      exitAt = process.hrtime.bigint();
      sampler?.stop();
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (exitAt === 0n) exitAt = process.hrtime.bigint();
      resolve({
        code: code ?? 128,
        signal,
        wallMs: Number(exitAt - start) / 1e6,
        peakRssKb: sampler?.peakKb() ?? null,
        cpuMs: readCpu(cpuFile),
        stdout,
        stderr,
        timedOut,
      });
    });
  });
}

/** @param {string} file GNU time's "-o" output: "<user s> <system s>", after any command output */
function readCpu(file) {
  if (!file) return null;
  try {
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    rmSync(file, { force: true });
    const m = /^([\d.]+) ([\d.]+)$/.exec(lines[lines.length - 1] ?? '');
    return m ? Math.round((Number(m[1]) + Number(m[2])) * 1000) : null;
  } catch {
    return null;
  }
}

/** @param {string} text */
function cap(text) {
  return text.length > OUTPUT_CAP ? text.slice(text.length - OUTPUT_CAP) : text;
}

/** The last non-empty lines of a run's output, for a failure message. */
export function tail(/** @type {RunResult} */ result, lines = 3) {
  const text = `${result.stderr}\n${result.stdout}`.trim();
  return text.split('\n').filter((l) => l.trim() !== '').slice(-lines).join(' | ');
}
