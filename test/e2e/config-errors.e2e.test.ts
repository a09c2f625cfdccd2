/**
 * Config errors exit 2 in every command, also where a command keeps each target's error in its report
 * (plan, migrate, status, drift) instead of throwing it.
 */
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bb, clean, project } from '../support/bb.js';

function config(engine: string, url: string): string {
  return `databases:\n  app: { engine: ${engine}, migrations: migrations }\nenvironments:\n  - name: dev\n    targets: { app: "${url}" }\n`;
}

describe('config errors met per target', () => {
  it('a URL whose scheme is not the engine\'s: exit 2 from plan, migrate, status and drift', async () => {
    const dir = project({
      'bb.config.yaml': config('clickhouse', 'mysql://root@127.0.0.1:3306/x'),
      'migrations/0001_a.sql': 'CREATE TABLE a (id Int32) ENGINE = MergeTree ORDER BY id;\n',
    });
    try {
      for (const command of ['plan', 'migrate', 'status', 'drift']) {
        const run = await bb([command, '--env', 'dev'], { cwd: dir });
        expect([command, run.code]).toEqual([command, 2]);
        expect(run.stdout + run.stderr).toContain('The URL of dev/app (mysql://root@127.0.0.1:3306/x) is not a clickhouse URL.');
        expect(clean(run)).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unset ${VAR} in a target URL: bb status exits 2, with and without --env', async () => {
    const dir = project({ 'bb.config.yaml': config('postgres', '${BB_E2E_UNSET_URL}'), 'migrations/0001_a.sql': 'CREATE TABLE a (id int PRIMARY KEY);\n' });
    try {
      for (const args of [['status'], ['status', '--env', 'dev']]) {
        const run = await bb(args, { cwd: dir, env: { BB_E2E_UNSET_URL: undefined } });
        expect([args, run.code]).toEqual([args, 2]);
        expect(run.stdout + run.stderr).toContain('BB_E2E_UNSET_URL is not set');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
