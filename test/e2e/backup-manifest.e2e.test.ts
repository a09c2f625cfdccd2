/**
 * bb backups / bb restore with manifests someone edited or broke, through the real binary: each is
 * named with the key or the JSON position that is wrong (never an internal error or "No backup"),
 * bb backups still lists the good ones (exit 1), and a `file` outside the backups folder is refused.
 * No database: every refusal happens before bb connects.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bb, clean, project } from '../support/bb.js';

const stamp = '20240101T000000Z';
const manifest = (id: string, change: Record<string, unknown> = {}): string => JSON.stringify({
  format: 'bb-backup/1', id, engine: 'postgres', serverVersion: 'PostgreSQL 16.4', tool: 'pg_dump 16.4 (custom format)',
  target: { id: 'dev/app', environment: 'dev', database: 'app', url: 'pglite://.bb/app' },
  file: `${id}.sql`, size: 4, sha256: 'a'.repeat(64), durationMs: 10, createdAt: '2024-01-01T00:00:00.000Z', by: 'ada@host', ...change,
});
const dir = project({
  'bb.config.yaml': 'databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n      app: pglite://.bb/app\n',
  'migrations/0001_a.sql': 'SELECT 1;\n',
  [`.bb/backups/dev-app-${stamp}.manifest.json`]: manifest(`dev-app-${stamp}`),
  [`.bb/backups/dev-app-${stamp}.sql`]: 'x;\n\n',
  '.bb/backups/nosha.manifest.json': manifest('nosha', { sha256: undefined }),
  '.bb/backups/bigsize.manifest.json': manifest('bigsize', { size: 'big' }),
  '.bb/backups/escape.manifest.json': manifest('escape', { file: '../../../etc/x' }),
  '.bb/backups/broken.manifest.json': '{bad',
});
const backups = join(dir, '.bb', 'backups');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('backup manifests that are not as bb wrote them', () => {
  it('bb backups lists the good backups, names each unreadable manifest and why, and exits 1', async () => {
    const run = await bb(['backups'], { cwd: dir });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`^dev-app-${stamp}\\s+dev/app`, 'm'));
    expect(run.stdout).not.toMatch(/big B/);
    expect(run.stdout).toContain(`! Backup manifest ${join(backups, 'broken.manifest.json')} is invalid: not valid JSON (`);
    expect(run.stdout).toMatch(/broken\.manifest\.json is invalid: not valid JSON \(.*position 1\b/);
    expect(run.stdout).toContain(`! Backup manifest ${join(backups, 'nosha.manifest.json')} is invalid: "sha256" is missing`);
    expect(run.stdout).toContain(`! Backup manifest ${join(backups, 'bigsize.manifest.json')} is invalid: "size" is "big"`);
    expect(run.stdout).toContain(`! Backup manifest ${join(backups, 'escape.manifest.json')} is invalid: "file" is "../../../etc/x"`);
    expect(run.stdout).toMatch(/\(1 in .*; 4 manifests could not be read\)$/m);
    expect(clean(run)).toBe(true);
    const json = await bb(['backups', '--format', 'json'], { cwd: dir });
    const data = JSON.parse(json.stdout) as { backups: { id: string }[]; unreadable: { file: string; message: string }[] };
    expect(data.backups.map((b) => b.id)).toEqual([`dev-app-${stamp}`]);
    expect(data.unreadable.map((u) => u.file).sort()).toEqual(['bigsize', 'broken', 'escape', 'nosha'].map((n) => join(backups, `${n}.manifest.json`)));
  });

  it.each([
    ['broken', /^error: Backup manifest .*broken\.manifest\.json is invalid: not valid JSON \(.*position 1\b/],
    ['nosha', /^error: Backup manifest .*nosha\.manifest\.json is invalid: "sha256" is missing, expected 64 hex digits\.\nhint: /],
    ['escape', /^error: Backup manifest .*escape\.manifest\.json is invalid: "file" is "\.\.\/\.\.\/\.\.\/etc\/x", expected a file name/],
  ])('bb restore --from %s says the manifest is invalid (exit 2), not "No backup" or an internal error', async (id, message) => {
    const run = await bb(['restore', '--env', 'dev', '--from', id, '--into', 'wtb_never'], { cwd: dir });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/No backup|Internal error/);
    expect(clean(run)).toBe(true);
  });
});

describe('a backup bb backup did not finish', () => {
  it('bb backups names each <id>.partial left in the folder (a SIGKILL, a crash), with its size, in pretty and JSON output', async () => {
    const partial = `dev-app-${stamp}-2.partial`;
    const folder = project({
      'bb.config.yaml': 'databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n      app: pglite://.bb/app\n',
      'migrations/0001_a.sql': 'SELECT 1;\n',
      [`.bb/backups/${partial}`]: 'x'.repeat(3000),
      '.bb/backups/notes.txt': 'not a backup\n',
    });
    try {
      const run = await bb(['backups'], { cwd: folder });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(`No backups in ${join(folder, '.bb', 'backups')}.`);
      expect(run.stdout).toContain(`! Unfinished backup ${join(folder, '.bb', 'backups', partial)} (2.9 KiB): a bb backup stopped before it completed`);
      expect(run.stdout).not.toContain('notes.txt');
      const json = await bb(['backups', '--format', 'json', '--env', 'dev'], { cwd: folder });
      expect(JSON.parse(json.stdout)).toMatchObject({ backups: [], unfinished: [{ file: join(folder, '.bb', 'backups', partial), size: 3000 }] });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
