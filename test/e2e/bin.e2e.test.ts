/** bin/bb.js itself: a checkout that was never built says how to build it, without a stack trace. */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../support/bb.js';

const dir = mkdtempSync(join(tmpdir(), 'bb-bin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bin/bb.js', () => {
  it('without dist/ (a clone before npm run build): one error with the command to run, exit 2', () => {
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n'); // as bb's own package.json says
    for (const file of ['bb.js', 'package.json']) copyFileSync(join(dirname(BIN), file), join(dir, 'bin', file));
    const run = spawnSync(process.execPath, [join(dir, 'bin', 'bb.js'), '--version'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('error: bb is not built (dist/bundle/main.cjs is missing).\nhint: Run `npm run build` in the bb checkout (npm install does not build it).\n');
  });
});

describe('bb with --format json', () => {
  it('reports a misspelt flag or a missing value as a JSON error on stdout (exit 2), and as text without it', () => {
    for (const args of [['status', '--format', 'json', '--evn', 'dev'], ['status', '--format=json', '--evn', 'dev']]) {
      const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: dir });
      expect(run.status).toBe(2);
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual({ error: { kind: 'usage', code: 'usage.arguments', message: "unknown option '--evn' (Did you mean --env?)", hint: 'bb status --help lists its flags.' } });
    }
    const missing = spawnSync(process.execPath, [BIN, 'plan', '-f', 'json', '--env'], { encoding: 'utf8', cwd: dir });
    expect([missing.status, JSON.parse(missing.stdout).error.message]).toEqual([2, "option '-e, --env <name>' argument missing"]);
    const text = spawnSync(process.execPath, [BIN, 'status', '--evn', 'dev'], { encoding: 'utf8', cwd: dir });
    expect([text.status, text.stdout, text.stderr]).toEqual([2, '', "error: unknown option '--evn'\n(Did you mean --env?)\n"]);
  });
});
