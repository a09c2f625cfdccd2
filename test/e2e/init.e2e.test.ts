/** bb init through the binary: what it writes per engine, and the demo options it refuses before writing. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bb } from '../support/bb.js';

function emptyFolder(): string {
  return mkdtempSync(join(tmpdir(), 'bb-e2e-init-'));
}

describe('bb init --demo', () => {
  it.each([
    [['--db', 'shop'], 'error: bb init --demo always names its database app; it takes no --db shop.'],
    [['--engine', 'mysql'], 'error: bb init --demo is PostgreSQL only (on embedded PGlite); it takes no --engine mysql.'],
  ])('refuses %j with exit 2 and writes nothing', async (flags, message) => {
    const dir = emptyFolder();
    try {
      const run = await bb(['init', '--demo', ...flags], { cwd: dir });
      expect([run.code, run.stderr.split('\n')[0]]).toEqual([2, message]);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bb init', () => {
  it.each(['postgres', 'mysql', 'tidb', 'clickhouse', 'snowflake'])('--engine %s adds .bb/ to .gitignore', async (engine) => {
    const dir = emptyFolder();
    try {
      const run = await bb(['init', '--engine', engine], { cwd: dir });
      expect(run.code, run.stderr).toBe(0);
      expect(existsSync(join(dir, '.gitignore')) && readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('.bb/\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
