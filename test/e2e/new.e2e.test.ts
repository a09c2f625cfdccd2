/** bb new through the binary: the next version in the folder's own naming, --down, and bad names. */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bb, clean, project } from '../support/bb.js';

const CONFIG = 'databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: dev\n    targets: { app: "pglite://.bb/dev" }\n';

describe('bb new', () => {
  it('numbers after the last file in its width, names it from the words given, and --down adds the down file', async () => {
    const dir = project({ 'bb.config.yaml': CONFIG, 'migrations/0009_first.sql': 'SELECT 1;\n' });
    try {
      const made = await bb(['new', 'Add Users Email!', '--down'], { cwd: dir });
      expect([made.code, made.stdout.trim()]).toEqual([0, 'Created migrations/0010_add_users_email.sql and migrations/0010_add_users_email.down.sql']);
      expect(readFileSync(join(dir, 'migrations/0010_add_users_email.sql'), 'utf8')).toBe('-- add users email\n');
      expect((await bb(['new', 'next'], { cwd: dir })).stdout.trim()).toBe('Created migrations/0011_next.sql');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('follows Flyway naming when the folder uses it', async () => {
    const dir = project({ 'bb.config.yaml': CONFIG, 'migrations/V1_2__init.sql': 'SELECT 1;\n' });
    try {
      expect((await bb(['new', 'more'], { cwd: dir })).stdout.trim()).toBe('Created migrations/V1_3__more.sql');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an empty name and a name too long for a file; nothing is written', async () => {
    const dir = project({ 'bb.config.yaml': CONFIG, 'migrations/0001_a.sql': 'SELECT 1;\n' });
    try {
      const empty = await bb(['new', '!!!'], { cwd: dir });
      expect([empty.code, empty.stderr.split('\n')[0]]).toEqual([2, 'error: Give the migration a name, e.g. bb new add_users_email.']);
      const long = await bb(['new', 'x'.repeat(300)], { cwd: dir }); // was "Internal error: ENAMETOOLONG"
      expect([long.code, long.stderr.split('\n')[0]]).toEqual([2, 'error: The migration name is 300 characters long; bb new takes at most 120.']);
      expect(clean(long)).toBe(true);
      expect(readdirSync(join(dir, 'migrations'))).toEqual(['0001_a.sql']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
