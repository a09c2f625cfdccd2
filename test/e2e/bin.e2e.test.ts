/** bin/bb.js itself: a checkout that was never built says how to build it, without a stack trace. */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../support/bb.js';

const dir = mkdtempSync(join(tmpdir(), 'bb-bin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bin/bb.js', () => {
  it('without dist/ (a clone before npm run build): one error with the command to run, exit 2', () => {
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n'); // as bb's own package.json says
    copyFileSync(BIN, join(dir, 'bin', 'bb.js'));
    const run = spawnSync(process.execPath, [join(dir, 'bin', 'bb.js'), '--version'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('error: bb is not built (dist/bundle/main.cjs is missing).\nhint: Run `npm run build` in the bb checkout (npm install does not build it).\n');
  });
});
