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
        expect(run.stdout + run.stderr).toContain('bb.config.yaml:5: environments[0].targets.app: mysql://root@127.0.0.1:3306/x (dev/app) is not a clickhouse URL.');
        expect(clean(run)).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const TARGET_ERRORS: [string, string, string, string][] = [
    ['a group listing one database twice', 'postgres',
      '      app:\n        urls:\n          - postgres://postgres:s3cret@127.0.0.1:5432/postgres\n          - postgres://postgres:s3cret@127.0.0.1:5432/postgres\n',
      'bb.config.yaml:9: environments[0].targets.app.urls[1]: postgres://postgres:***@127.0.0.1:5432/postgres is the same database as urls[0], so the group would migrate it twice.'],
    ['a target with both url: and urls:', 'postgres',
      '      app:\n        url: postgres://postgres@127.0.0.1:5432/postgres\n        urls: [ postgres://postgres@127.0.0.1:5432/postgres ]\n',
      'bb.config.yaml:6: environments[0].targets.app: has both url: (one database) and urls: (a group of databases); keep one of the two.'],
    ['a discover: URL of another engine', 'postgres',
      '      app:\n        discover: { url: "mysql://root:s3cret@127.0.0.1:3306/test", match: "tenant_%" }\n',
      'bb.config.yaml:7: environments[0].targets.app.discover.url: mysql://root:***@127.0.0.1:3306/test is not a postgres URL.'],
    ['a group member of another engine', 'postgres',
      '      app:\n        urls:\n          - "mysql://root:s3cret@127.0.0.1:3306/tenant_a"\n',
      'bb.config.yaml:8: environments[0].targets.app.urls[0]: mysql://root:***@127.0.0.1:3306/tenant_a (dev/app[tenant_a]) is not a postgres URL.'],
    ['a target url: of another engine, written as a key', 'postgres',
      '      app:\n        session: { lock_timeout: 5s }\n        url: "mysql://root:s3cret@127.0.0.1:3306/test"\n',
      'bb.config.yaml:8: environments[0].targets.app.url: mysql://root:***@127.0.0.1:3306/test (dev/app) is not a postgres URL.'],
    ['an unset ${VAR} in a group member\'s URL', 'postgres',
      '      app:\n        urls:\n          - "postgres://postgres@127.0.0.1:5432/postgres"\n          - "postgres://postgres:s3cret@127.0.0.1:5432/${BB_E2E_UNSET_TENANT}"\n',
      'bb.config.yaml:9: environments[0].targets.app.urls[1]: environment variable BB_E2E_UNSET_TENANT is not set.'],
    ['an embedded ClickHouse (chdb) with cluster:', 'clickhouse',
      '      app: { url: "chdb://.bb/dev/app", cluster: main }\n',
      'dev/app uses an embedded ClickHouse (chdb://.bb/dev/app) and sets cluster: main, but chdb has no cluster.'],
  ];
  it.each(TARGET_ERRORS)('%s: exit 2 from plan and migrate, naming the place', async (_name, engine, target, message) => {
    const dir = project({
      'bb.config.yaml': `databases:\n  app: { engine: ${engine}, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n${target}`,
      'migrations/0001_a.sql': 'CREATE TABLE a (id Int32) ENGINE = MergeTree ORDER BY id;\n',
    });
    try {
      for (const command of ['plan', 'migrate']) {
        const run = await bb([command, '--env', 'dev'], { cwd: dir });
        expect([command, run.code]).toEqual([command, 2]);
        expect(run.stdout + run.stderr).toContain(message);
        expect(clean(run, ['s3cret'])).toBe(true);
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
        expect(run.stdout + run.stderr).toContain('bb.config.yaml:5: environments[0].targets.app: environment variable BB_E2E_UNSET_URL is not set.');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
