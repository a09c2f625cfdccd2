/** bb unlock through the binary: an error on a target prints its hint, as every other command does. */
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bb, project } from '../support/bb.js';

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
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
