/** bb unlock through the binary: what it found and did per target, in pretty output and as records (--format json). */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEngine } from '../../src/engine.js';
import { lockKey } from '../../src/run/lock.js';
import { bb, project } from '../support/bb.js';
import { makeTarget } from '../support/engine-cases.js';
import { PostgresDatabases, postgresAvailable } from '../support/servers.js';

const pgUp = await postgresAvailable();
const dbs = new PostgresDatabases('bbt_records_unlock');
afterAll(async () => {
  if (pgUp) await dbs.dropAll();
});

const config = (url: string): string => `databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n      app: "${url}"\n`;

describe('bb unlock', () => {
  it('a target that cannot be reached: exit 3, the message and its hint (the hint was in --format json only)', async () => {
    const dir = project({
      'bb.config.yaml': 'databases:\n  app: { engine: mysql, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n      app: mysql://root@127.0.0.1:1/app\n',
      'migrations/0001_a.sql': 'CREATE TABLE a (id int PRIMARY KEY);\n',
    });
    try {
      const run = await bb(['unlock', '--env', 'dev'], { cwd: dir });
      expect(run.code, run.stdout + run.stderr).toBe(3);
      expect(run.stdout).toMatch(/^✗ dev\/app: Cannot connect to dev\/app .*\n  hint: Check that the server is running/);
      const json = await bb(['unlock', '--env', 'dev', '--format', 'json'], { cwd: dir });
      expect([json.code, JSON.parse(json.stdout)]).toEqual([3, {
        environment: 'dev',
        targets: [{ target: 'dev/app', error: { kind: 'connect', code: expect.stringMatching(/^connect/), message: expect.stringMatching(/^Cannot connect to dev\/app /), hint: expect.stringContaining('Check that the server is running') } }],
      }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it.skipIf(!pgUp)('--format json: not-locked, or held with its holder (a PostgreSQL advisory lock ends only with its session)', async () => {
    const url = await dbs.create('held');
    const dir = project({ 'bb.config.yaml': config(url), 'migrations/0001_a.sql': 'CREATE TABLE a (id int PRIMARY KEY);\n' });
    const engine = await loadEngine('postgres');
    const session = await engine.connect(makeTarget('postgres', url, 'dev/app', dir), {});
    try {
      const free = await bb(['unlock', '--env', 'dev', '--format', 'json'], { cwd: dir });
      expect([free.code, JSON.parse(free.stdout)]).toEqual([0, { environment: 'dev', targets: [{ target: 'dev/app', lock: 'not-locked' }] }]);
      const lock = await session.tryLock(lockKey(session)); // another runner at work
      expect(lock).toBeDefined();
      const held = await bb(['unlock', '--env', 'dev', '--format', 'json'], { cwd: dir });
      expect([held.code, JSON.parse(held.stdout)]).toEqual([0, { environment: 'dev', targets: [{ target: 'dev/app', lock: 'held', holder: expect.stringMatching(/\(server pid \d+/) }] }]);
      const pretty = await bb(['unlock', '--env', 'dev'], { cwd: dir });
      expect(pretty.stdout).toMatch(/^dev\/app: locked by .*\(server pid \d+.*\); this lock ends with its session \(stop that process, or terminate its server session\)\n$/);
      await lock!.release();
    } finally {
      await session.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
