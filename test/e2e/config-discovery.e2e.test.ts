/**
 * Which config a command uses when run from a folder below the project's (docs/config.md): the nearest
 * one upwards, its relative paths taken from its own folder; not above a git work tree's root;
 * --config wins; bb init never searches.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bb, clean, project } from '../support/bb.js';

const CONFIG = 'databases:\n  app: { engine: postgres, migrations: migrations/app }\nenvironments:\n  - name: dev\n    targets: { app: "pglite://.bb/dev/app" }\n';
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('config found from a subfolder', () => {
  // One PGlite run per test: creating a PGlite database takes up to a minute on a busy machine.
  it('bb status from migrations/app', async () => {
    dir = project({ 'bb.config.yaml': CONFIG, 'migrations/app/0001_t.sql': 'CREATE TABLE t (id int PRIMARY KEY);\n' });
    const status = await bb(['status'], { cwd: join(dir, 'migrations/app') });
    expect([status.code, status.stderr]).toEqual([0, '']);
    expect(status.stdout).toMatch(/0001 +migrations\/app\/0001_t\.sql +· pending/);
    expect(clean(status)).toBe(true);
  });

  it('bb migrate from migrations/app on PGlite: the relative pglite:// path lands in the config\'s folder', async () => {
    dir = project({ 'bb.config.yaml': CONFIG, 'migrations/app/0001_t.sql': 'CREATE TABLE t (id int PRIMARY KEY);\n' });
    const sub = join(dir, 'migrations/app');
    const migrate = await bb(['migrate', '--env', 'dev'], { cwd: sub });
    expect(migrate.code, migrate.stdout + migrate.stderr).toBe(0);
    expect(migrate.stdout).toMatch(/^✓ dev\/app: 1 migration applied in \d+ ms, now at 0001\n$/);
    expect(existsSync(join(dir, '.bb/dev/app'))).toBe(true);
    expect(existsSync(join(sub, '.bb'))).toBe(false);
  }, 120_000);

  it('stops at the root of the git work tree: a config above the repository is not used', async () => {
    dir = project({ 'bb.config.yaml': CONFIG, 'repo/.git/HEAD': 'ref: refs/heads/main\n', 'repo/src/x.txt': '', 'repo/migrations/app/0001_t.sql': 'SELECT 1;\n' });
    const run = await bb(['status'], { cwd: join(dir, 'repo/src') });
    expect([run.code, run.stderr]).toEqual([2, `error: No bb config found in ${join(dir, 'repo/src')} or the folders above it up to the git work tree's root ${join(dir, 'repo')} (looked for bb.config.yaml, bb.config.yml, bb.config.json, .bbrc* and package.json#bb).\nhint: Run "bb init" to create bb.config.yaml, or pass --config <file>.\n`]);
    writeFileSync(join(dir, 'repo/.bbrc.yaml'), CONFIG.replace('name: dev', 'name: repo-dev'));
    const inRepo = await bb(['status', '--format', 'json'], { cwd: join(dir, 'repo/src') });
    expect([inRepo.code, inRepo.stderr]).toEqual([0, '']);
    expect(inRepo.stdout).toContain('repo-dev');
  });

  it('--config wins over the config found upwards (its path relative to the current folder)', async () => {
    dir = project({ 'bb.config.yaml': CONFIG, 'ci/other.yaml': CONFIG.replace('name: dev', 'name: ci').replace('migrations/app', '../migrations/app'), 'migrations/app/0001_t.sql': 'SELECT 1;\n' });
    const run = await bb(['status', '--config', '../../ci/other.yaml', '--format', 'json'], { cwd: join(dir, 'migrations/app') });
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toContain('"ci/app"');
    expect(run.stdout).not.toContain('"dev/app"');
  });

  it('bb init writes into the current folder even below another project', async () => {
    dir = project({ 'bb.config.yaml': CONFIG });
    const sub = join(dir, 'services/billing');
    mkdirSync(sub, { recursive: true });
    const run = await bb(['init'], { cwd: sub });
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(sub, 'bb.config.yaml'))).toBe(true);
    expect(existsSync(join(sub, 'migrations/app'))).toBe(true);
    expect(readFileSync(join(dir, 'bb.config.yaml'), 'utf8')).toBe(CONFIG);
    expect(run.stderr).toContain('note: this folder is inside the bb project at ../..; bb commands run here and below now use the new bb.config.yaml');
  });
});
