/**
 * Config errors exit 2 in every command, also where a command keeps each target's error in its report
 * (plan, migrate, status, drift) instead of throwing it.
 */
import { existsSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
      'bb.config.yaml:7: environments[0].targets.app.discover.url: mysql://root:***@127.0.0.1:3306/test (discovery for dev/app) is not a postgres URL.'],
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
      'bb.config.yaml:6: environments[0].targets.app.url: chdb://.bb/dev/app (dev/app) is an embedded ClickHouse (chdb), which has no cluster, but the target sets cluster: main.'],
    ['a ClickHouse URL that is not a URL', 'clickhouse',
      '      app: "clickhouse://default:s3cret@127.0.0.1:99999/app"\n',
      'bb.config.yaml:6: environments[0].targets.app: clickhouse://default:***@127.0.0.1:99999/app (dev/app) is not a valid URL.'],
    ['a ClickHouse URL whose ca= file cannot be read', 'clickhouse',
      '      app:\n        urls:\n          - "clickhouse://default:s3cret@127.0.0.1:8443/app?secure=true&ca=certs/missing.pem"\n',
      'bb.config.yaml:8: environments[0].targets.app.urls[0]: clickhouse://default:***@127.0.0.1:8443/app?secure=true&ca=certs/missing.pem (dev/app[app]) names the CA certificate certs/missing.pem (ca=), which cannot be read: '],
    // A password written as is with / or ? in it, a # or a stray %: was "Internal error: Invalid URL" (exit 1),
    // and a # cut the password short and printed its rest as a host name.
    ['a MySQL URL whose password has an unencoded /', 'mysql',
      '      app: "mysql://deploy:s3cret/x@127.0.0.1:3306/app"\n',
      'bb.config.yaml:6: environments[0].targets.app: mysql://deploy:***@127.0.0.1:3306/app (dev/app) is not a valid URL: its user name or password has a / in it (write a / of the password as %2F).'],
    ['a MySQL URL whose password has an unencoded #', 'mysql',
      '      app:\n        url: "mysql://deploy:p@s3cret#x@127.0.0.1:3306/app"\n',
      'bb.config.yaml:7: environments[0].targets.app.url: mysql://deploy:***@127.0.0.1:3306/app (dev/app) is not a valid URL: it has a # (write a # of the password as %23).'],
    ['a MySQL URL whose password has a stray %', 'mysql',
      '      app: "mysql://deploy:s3cret%zz@127.0.0.1:3306/app"\n',
      'bb.config.yaml:6: environments[0].targets.app: mysql://deploy:***@127.0.0.1:3306/app (dev/app) is not a valid URL: a % in it is not followed by two hexadecimal digits (write a % of the password as %25).'],
    // The same, for every engine: one check before any driver reads the URL (checkTargetUrl). PostgreSQL's
    // was "Internal error: Invalid URL … this is a bug in bb" (exit 1); a folder's stray % was "URI malformed".
    ['a PostgreSQL URL whose password has an unencoded space and /', 'postgres',
      '      app: "postgres://deploy:s3cret pa/ss@127.0.0.1:5432/app"\n',
      'bb.config.yaml:6: environments[0].targets.app: postgres://deploy:***@127.0.0.1:5432/app (dev/app) is not a valid URL: its user name or password has a / in it (write a / of the password as %2F).'],
    ['a PostgreSQL URL whose password is digits, then an unencoded /', 'postgres',
      '      app: "postgres://deploy:1234/s3cret@127.0.0.1:5432/app"\n',
      'bb.config.yaml:6: environments[0].targets.app: postgres://deploy:***@127.0.0.1:5432/app (dev/app) is not a valid URL: its user name or password has a / in it (write a / of the password as %2F).'],
    // A / and then a ? read as a path and a query: the password was printed whole in the message.
    ['a PostgreSQL URL whose password has an unencoded / and then ?', 'postgres',
      '      app: "postgres://deploy:pa/s3cret?word@127.0.0.1:5432/app"\n',
      'bb.config.yaml:6: environments[0].targets.app: postgres://deploy:***@127.0.0.1:5432/app (dev/app) is not a valid URL: its user name or password has a / in it (write a / of the password as %2F).'],
    ['a PostgreSQL URL whose password has an unencoded ?', 'postgres',
      '      app: "postgres://deploy:s3cret?word@127.0.0.1:5432/app"\n',
      'bb.config.yaml:6: environments[0].targets.app: postgres://deploy:***@127.0.0.1:5432/app (dev/app) is not a valid URL: its user name or password has a ? in it (write a ? of the password as %3F).'],
    ['a PostgreSQL URL whose password has an unencoded #', 'postgres',
      '      app:\n        url: "postgresql://deploy:s3cret#x@127.0.0.1:5432/app"\n',
      'bb.config.yaml:7: environments[0].targets.app.url: postgresql://deploy:***@127.0.0.1:5432/app (dev/app) is not a valid URL: it has a # (write a # of the password as %23).'],
    ['a PostgreSQL group member whose password has a stray %', 'postgres',
      '      app:\n        urls:\n          - "postgres://deploy:s3cret%zz@127.0.0.1:5432/app"\n',
      'bb.config.yaml:8: environments[0].targets.app.urls[0]: postgres://deploy:***@127.0.0.1:5432/app (dev/app[app]) is not a valid URL: a % in it is not followed by two hexadecimal digits (write a % of the password as %25).'],
    ['a PGlite folder with a stray %', 'postgres',
      '      app: "pglite://.bb/100%"\n',
      'bb.config.yaml:6: environments[0].targets.app: pglite://.bb/100% (dev/app) is not a valid URL: a % in it is not followed by two hexadecimal digits (write a % of the folder name as %25).'],
    ['a TiDB URL whose password has an unencoded /', 'tidb',
      '      app: "tidb://root:s3cret/x@127.0.0.1:4000/app"\n',
      'bb.config.yaml:6: environments[0].targets.app: tidb://root:***@127.0.0.1:4000/app (dev/app) is not a valid URL: its user name or password has a / in it (write a / of the password as %2F).'],
    ['a ClickHouse URL whose password has an unencoded #', 'clickhouse',
      '      app: "clickhouse://default:s3cret#x@127.0.0.1:8123/app"\n',
      'bb.config.yaml:6: environments[0].targets.app: clickhouse://default:***@127.0.0.1:8123/app (dev/app) is not a valid URL: it has a # (write a # of the password as %23).'],
    ['a Snowflake URL whose password has an unencoded /', 'snowflake',
      '      app: "snowflake://deploy:s3cret/x@myorg-acct/ANALYTICS"\n',
      'bb.config.yaml:6: environments[0].targets.app: snowflake://deploy:***@myorg-acct/ANALYTICS (dev/app) is not a valid URL: its user name or password has a / in it (write a / of the password as %2F).'],
    ['a Snowflake URL with an unknown parameter', 'snowflake',
      '      app: "snowflake://deploy:s3cret@myorg-acct/ANALYTICS?warehous=WH"\n',
      'bb.config.yaml:6: environments[0].targets.app: snowflake://deploy:***@myorg-acct/ANALYTICS?warehous=WH (dev/app) has an unknown parameter "warehous".'],
    ['a Snowflake URL with no password and no key pair', 'snowflake',
      '      app:\n        url: "snowflake://deploy@myorg-acct/ANALYTICS"\n',
      'bb.config.yaml:7: environments[0].targets.app.url: snowflake://deploy@myorg-acct/ANALYTICS (dev/app) has no password and no key pair.'],
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

  it('a PostgreSQL URL that is not a valid URL: exit 2 from migrate, plan, history and status, with the encodings, no password', async () => {
    const dir = project({
      'bb.config.yaml': config('postgres', 'postgres://u:pa ss/wd@127.0.0.1/db'),
      'migrations/0001_a.sql': 'CREATE TABLE a (id int PRIMARY KEY);\n',
    });
    try {
      for (const command of ['migrate', 'plan', 'history', 'status']) {
        const run = await bb([command, '--env', 'dev'], { cwd: dir });
        const text = run.stdout + run.stderr;
        expect([command, run.code]).toEqual([command, 2]);
        expect(text).toContain('bb.config.yaml:5: environments[0].targets.app: postgres://u:***@127.0.0.1/db (dev/app) is not a valid URL: its user name or password has a / in it (write a / of the password as %2F).');
        expect(text).toContain('write @ as %40, : as %3A, / as %2F, ? as %3F, # as %23, % as %25 and a space as %20');
        expect(text).not.toContain('Internal error');
        expect(clean(run, ['pa ss', 'ss/wd', 'pa%20ss'])).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a group member with a config error: bb status names it and the error, not "unreachable", and exits 2', async () => {
    const dir = project({
      'bb.config.yaml': 'databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n      app:\n        urls:\n          - pglite://.bb/t1\n          - "mysql://root:s3cret@127.0.0.1:3306/t2"\n',
      'migrations/0001_a.sql': 'CREATE TABLE a (id int PRIMARY KEY);\n',
    });
    try {
      const run = await bb(['status', '--env', 'dev'], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stdout).toContain('dev/app (group, 2 members): 1 at (none), 1 config error');
      expect(run.stdout).not.toContain('unreachable');
      expect(run.stdout).toContain('  ! dev/app[t2]: bb.config.yaml:9: environments[0].targets.app.urls[1]: mysql://root:***@127.0.0.1:3306/t2 (dev/app[t2]) is not a postgres URL.');
      expect(clean(run, ['s3cret'])).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // Node 20's recursive mkdir spins forever on a path under /proc: bb migrate hung there, using a CPU.
  // The run is killed after 30 s (code 137), so a hang fails the test instead of blocking it.
  it.skipIf(!existsSync('/proc/self')).each([
    ['clickhouse', 'chdb:///proc/bb-e2e-no-such/events', 'chdb://.bb/dev/app'],
    ['postgres', 'pglite:///proc/bb-e2e-no-such/app', 'pglite://.bb/dev/app'],
  ])('an embedded %s folder that cannot be created (under /proc): bb migrate exits 2 naming the place, no hang', async (engine, url, example) => {
    const dir = project({ 'bb.config.yaml': config(engine, url), 'migrations/0001_a.sql': 'CREATE TABLE a (id Int32) ENGINE = MergeTree ORDER BY id;\n' });
    try {
      const run = await bb(['migrate', '--env', 'dev'], { cwd: dir, timeoutMs: 30_000 });
      expect(run.code, run.stdout + run.stderr).toBe(2);
      const folder = url.replace(/^[a-z]+:\/\//, '');
      expect(run.stdout).toContain(`  error: bb.config.yaml:5: environments[0].targets.app: ${url} (dev/app) names the folder ${folder}, which cannot be created: ENOENT`);
      expect(run.stdout).toContain(`  hint: Point the URL at a folder bb can create and write, e.g. ${example} (a relative folder is read from the config's folder).`);
      expect(clean(run)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

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

describe('a URL of another engine\'s scheme, met by the data commands', () => {
  // A socket that counts the connections made to it (and drops them): bb must make none.
  let server: Server;
  let connections = 0;
  let port = 0;
  beforeAll(async () => {
    server = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((closed) => server.close(() => closed())));

  const CASES: [string, string[], string, number][] = [
    ['bb query', ['query', '--env', 'dev', 'SELECT 1'], '      app: "mysql://root:s3cret@127.0.0.1:PORT/app"\n', 6],
    ['bb backup', ['backup', '--env', 'dev'], '      app: "mysql://root:s3cret@127.0.0.1:PORT/app"\n', 6],
    ['bb backup of a group member', ['backup', '--env', 'dev'], '      app:\n        urls:\n          - "mysql://root:s3cret@127.0.0.1:PORT/app"\n', 8],
    ['bb query\'s audit table', ['query', '--env', 'dev', '--db', 'app', 'SELECT 1'], '      app: "pglite://.bb/app"\n      logs: "mysql://root:s3cret@127.0.0.1:PORT/logs"\n', 8],
  ];
  it.each(CASES)('%s: exit 2 naming the line and key, nothing connected', async (name, args, targets, line) => {
    const audit = name.includes('audit');
    const dir = project({
      'bb.config.yaml': `databases:\n  app: { engine: postgres, migrations: migrations }\n${audit ? '  logs: { engine: postgres, migrations: logs }\n' : ''}environments:\n  - name: dev\n    targets:\n${targets.replaceAll('PORT', String(port))}${audit ? 'audit: { database: logs }\n' : ''}`,
      'migrations/0001_a.sql': 'CREATE TABLE a (id int PRIMARY KEY);\n',
    });
    try {
      connections = 0;
      const run = await bb(args, { cwd: dir });
      const key = audit ? 'environments[0].targets.logs' : targets.includes('urls:') ? 'environments[0].targets.app.urls[0]' : 'environments[0].targets.app';
      expect(run.stdout + run.stderr).toContain(`bb.config.yaml:${line}: ${key}: mysql://root:***@127.0.0.1:${port}/`);
      expect(run.stdout + run.stderr).toContain('is not a postgres URL.');
      expect(run.code).toBe(2);
      expect(connections).toBe(0);
      expect(clean(run, ['s3cret'])).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
