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

  it('follows golang-migrate (.up.sql) and dbmate (one file with both sections) folders, and keeps accented letters', async () => {
    const dir = project({
      'bb.config.yaml': 'databases:\n  g: { engine: postgres, migrations: g }\n  d: { engine: postgres, migrations: d }\nenvironments:\n  - name: dev\n    targets: { g: "pglite://.bb/g", d: "pglite://.bb/d" }\n',
      'g/0001_a.up.sql': 'SELECT 1;\n', 'g/0001_a.down.sql': 'SELECT 2;\n',
      'd/0001_a.sql': '-- migrate:up\nSELECT 1;\n\n-- migrate:down\nSELECT 2;\n',
    });
    try {
      expect((await bb(['new', 'add b', '--db', 'g', '--down'], { cwd: dir })).stdout.trim()).toBe('Created g/0002_add_b.up.sql and g/0002_add_b.down.sql');
      expect((await bb(['new', 'Ünïcode Námé', '--db', 'd', '--down'], { cwd: dir })).stdout.trim()).toBe('Created d/0002_unicode_name.sql');
      expect(readFileSync(join(dir, 'd/0002_unicode_name.sql'), 'utf8')).toBe('-- migrate:up\n-- unicode name\n\n-- migrate:down\n-- reverse of unicode name\n');
      expect(readdirSync(join(dir, 'd'))).toEqual(['0001_a.sql', '0002_unicode_name.sql']);
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
