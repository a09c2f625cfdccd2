/** The common flags written before the command (bb --config x.yaml migrate), through the real binary. */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bb, clean, project } from '../support/bb.js';

const CONFIG = 'databases:\n  app: { engine: postgres, migrations: migrations/app }\nenvironments:\n  - name: dev\n    targets: { app: "pglite://.bb/dev/app" }\n  - name: qa\n    targets: { app: "pglite://.bb/qa/app" }\n';
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('common flags before the command', () => {
  // One PGlite run per test: creating a PGlite database takes up to a minute on a busy machine.
  it('bb --config x.yaml --env dev migrate', async () => {
    dir = project({ 'ci/x.yaml': CONFIG, 'ci/migrations/app/0001_t.sql': 'CREATE TABLE t (id int PRIMARY KEY);\n' });
    const migrate = await bb(['--config', 'ci/x.yaml', '--env', 'dev', 'migrate'], { cwd: dir });
    expect(migrate.code, migrate.stdout + migrate.stderr).toBe(0);
    expect(migrate.stdout).toMatch(/^✓ dev\/app: 1 migration applied in \d+ ms, now at 0001\n$/);
    expect([existsSync(join(dir, 'ci/.bb/dev/app')), existsSync(join(dir, 'ci/.bb/qa/app'))]).toEqual([true, false]);
  }, 120_000);

  it('bb -c x.yaml -e qa -f json status', async () => {
    dir = project({ 'ci/x.yaml': CONFIG, 'ci/migrations/app/0001_t.sql': 'CREATE TABLE t (id int PRIMARY KEY);\n' });
    const status = await bb(['-c', 'ci/x.yaml', '-e', 'qa', '-f', 'json', 'status'], { cwd: dir });
    expect([status.code, status.stderr]).toEqual([0, '']);
    const text = JSON.stringify(JSON.parse(status.stdout));
    expect(text).toContain('"qa/app"');
    expect(text).not.toContain('"dev/app"');
    expect(clean(status)).toBe(true);
  });

  it('a flag given before and after the command: the one after wins', async () => {
    dir = project({ 'bb.config.yaml': CONFIG, 'migrations/app/0001_t.sql': 'SELECT 1;\n' });
    const run = await bb(['--env', 'qa', 'migrate', '--env', 'dev'], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^✓ dev\/app: /);
    expect([existsSync(join(dir, '.bb/dev/app')), existsSync(join(dir, '.bb/qa/app'))]).toEqual([true, false]);
  }, 120_000);

  it('usage errors name the command after flags before it, as JSON under --format json', async () => {
    dir = project({ 'bb.config.yaml': CONFIG });
    const misspelt = await bb(['--quiet', 'status', '-f', 'json', '--evn', 'dev'], { cwd: dir });
    expect([misspelt.code, misspelt.stderr]).toEqual([2, '']);
    expect(JSON.parse(misspelt.stdout)).toEqual({ error: { kind: 'usage', code: 'usage.arguments', message: "unknown option '--evn' (Did you mean --env?)", hint: 'bb status --help lists its flags.' } });
    const format = await bb(['--format', 'sarif', 'status'], { cwd: dir });
    expect([format.code, format.stdout, format.stderr]).toEqual([2, '', "error: option '--format <format>' (before the command) argument 'sarif' is invalid. Allowed choices for bb status are pretty, json.\n"]);
    const notCommon = await bb(['--db', 'app', 'status'], { cwd: dir });
    expect([notCommon.code, notCommon.stderr]).toEqual([2, "error: unknown option '--db'\n"]);
  });
});
