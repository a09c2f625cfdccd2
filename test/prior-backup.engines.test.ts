/**
 * Prior backup of data changes on real PostgreSQL and MariaDB: a migration's UPDATE and DELETE copy
 * the rows they touch into bb_backup first (through the runner's hooks, as bb migrate wires them),
 * `bb rollback --data <version>` puts them back and notes it in the history, and a table without a
 * primary key or over priorBackup.maxRows is refused before anything runs.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import rollback from '../src/cli/commands/rollback.js';
import plan from '../src/cli/commands/plan.js';
import type { PlanReport } from '../src/plan/report.js';
import { migrateWithHooks } from './support/prior-backup.js';
import { queryRows } from './support/query.js';
import { MysqlDatabases, PostgresDatabases, mysqlAvailable, postgresAvailable } from './support/servers.js';

const tmp = mkdtempSync(join(tmpdir(), 'bbt-prior-'));
const pgDbs = new PostgresDatabases('bbt_backup_prior');
const myDbs = new MysqlDatabases('bbt_backup_prior');
const context = { cwd: tmp, signal: new AbortController().signal, progress: () => undefined, interactive: false };

interface Case { name: string; engine: 'postgres' | 'mysql'; available(): Promise<boolean>; create(name: string): Promise<string>; exec(url: string, sql: string): Promise<Record<string, unknown>[]>; cleanup(): Promise<void>; dropBackups(url: string): Promise<void> }

const cases: Case[] = [
  {
    name: 'postgres', engine: 'postgres', available: postgresAvailable,
    create: (n) => pgDbs.create(n), exec: (url, sql) => PostgresDatabases.query(url, sql), cleanup: () => pgDbs.dropAll(),
    dropBackups: async () => undefined,
  },
  {
    name: 'mariadb', engine: 'mysql', available: mysqlAvailable,
    create: (n) => myDbs.create(n), exec: (url, sql) => MysqlDatabases.query(url, sql), cleanup: () => myDbs.dropAll(),
    // MySQL keeps prior backups in a database of their own beside the target's: bb_backup_<database>.
    dropBackups: async (url) => {
      await MysqlDatabases.query(url, `DROP DATABASE IF EXISTS \`bb_backup_${new URL(url).pathname.slice(1)}\``);
    },
  },
];

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function project(name: string, engine: string, url: string, files: Record<string, string>, prior: string): string {
  const dir = join(tmp, name);
  mkdirSync(join(dir, 'migrations'), { recursive: true });
  for (const [file, sql] of Object.entries(files)) writeFileSync(join(dir, 'migrations', file), sql);
  writeFileSync(join(dir, 'bb.config.yaml'), `databases:\n  app: { engine: ${engine}, migrations: migrations${prior} }\nenvironments:\n  - name: dev\n    targets: { app: "${url}" }\n`);
  return join(dir, 'bb.config.yaml');
}


const ACCOUNTS = (engine: string): string => `CREATE TABLE accounts (id int PRIMARY KEY, region varchar(10) NOT NULL, balance ${engine === 'postgres' ? 'numeric' : 'decimal'}(12,2) NOT NULL, note varchar(50));
INSERT INTO accounts VALUES (1, 'eu', 100.50, 'a'), (2, 'eu', 7.25, NULL), (3, 'us', 50.00, 'c'), (4, 'apac', 1.00, 'd'), (5, 'us', 3.00, 'e');`;

for (const c of cases) {
  describe(`prior backup on ${c.name}`, () => {
    it('backs up the rows of an UPDATE and a DELETE, and rollback --data puts every one back', async () => {
      if (!(await c.available())) return;
      const url = await c.create('main');
      await c.dropBackups(url);
      const config = project(`${c.name}-main`, c.engine, url, {
        '001_accounts.sql': ACCOUNTS(c.engine),
        '002_zero_eu.sql': "UPDATE accounts SET balance = 0, note = 'zeroed' WHERE region = 'eu';",
        '003_drop_us.sql': "DELETE FROM accounts WHERE region = 'us';",
      }, ', priorBackup: true');
      const result = await migrateWithHooks(config);
      expect(result.error).toBeUndefined();
      expect(result.migrations.map((m) => m.status)).toEqual(['done', 'done', 'done']);
      const original = [
        { id: 1, region: 'eu', balance: '100.50', note: 'a' }, { id: 2, region: 'eu', balance: '7.25', note: null },
        { id: 3, region: 'us', balance: '50.00', note: 'c' }, { id: 4, region: 'apac', balance: '1.00', note: 'd' }, { id: 5, region: 'us', balance: '3.00', note: 'e' },
      ];
      const state = async (): Promise<unknown[]> => (await c.exec(url, 'SELECT id, region, balance, note FROM accounts ORDER BY id')).map((r) => ({ ...r, id: Number(r.id), balance: String(r.balance) }));
      expect(await state()).toEqual([{ id: 1, region: 'eu', balance: '0.00', note: 'zeroed' }, { id: 2, region: 'eu', balance: '0.00', note: 'zeroed' }, { id: 4, region: 'apac', balance: '1.00', note: 'd' }]);
      const schema = c.engine === 'mysql' ? `bb_backup_${new URL(url).pathname.slice(1)}` : 'bb_backup';
      const backed = await c.exec(url, `SELECT count(*) AS n FROM ${schema}.bb_prior_backups`);
      expect(Number((await c.exec(url, `SELECT count(*) AS n FROM ${schema}.${c.engine === 'mysql' ? '`002_1_accounts`' : '"002_1_accounts"'}`))[0]!.n)).toBe(2);
      expect(Number(backed[0]!.n)).toBe(2);

      const opts = { config, env: 'dev', format: 'json', color: false, quiet: true, lockTimeout: '10' } as const;
      let out = await rollback({ ...opts, data: '003' } as never, context);
      expect(out.exitCode).toBe(0);
      expect(out.data).toEqual({ environment: 'dev', version: '003', dryRun: false, targets: [{ target: 'dev/app', restored: [{ table: 'accounts', backupTable: `${schema}.003_1_accounts`, kind: 'delete', rows: 2 }] }] });
      expect((await state()).map((r) => (r as { id: number }).id)).toEqual([1, 2, 3, 4, 5]);
      out = await rollback({ ...opts, data: '002' } as never, context);
      expect(out.exitCode).toBe(0);
      expect(await state()).toEqual(original);
      const again = await rollback({ ...opts, data: '002' } as never, context);
      expect(again.exitCode).not.toBe(0);
      const history = await c.exec(url, "SELECT error FROM bb_migration_history WHERE version = '002'");
      expect(String(history[0]!.error)).toMatch(/data rolled back from prior backup/);
      if (c.engine === 'mysql') await c.dropBackups(url);
    });

    it("bb query masks bb's copy of a table with that table's rules", async () => {
      if (!(await c.available())) return;
      const url = await c.create('masked');
      await c.dropBackups(url);
      const config = project(`${c.name}-masked`, c.engine, url, {
        '0001_users.sql': "CREATE TABLE users (id int PRIMARY KEY, name varchar(20), email varchar(50), phone varchar(20));\nINSERT INTO users VALUES (1, 'Ada', 'ada@example.com', '+44 20 7946 0018');",
        '0002_rename.sql': "UPDATE users SET name = 'Ada L.' WHERE id = 1;",
      }, ', priorBackup: true, masking: [{ column: users.phone, method: partial, keep: 4 }, { column: "*.email", method: full }]');
      expect((await migrateWithHooks(config)).error).toBeUndefined();
      const copy = c.engine === 'mysql' ? `\`bb_backup_${new URL(url).pathname.slice(1)}\`.\`0002_1_users\`` : 'bb_backup."0002_1_users"';
      const { rows, masked } = await queryRows(config, `SELECT * FROM ${copy}`);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ name: 'Ada', email: '***', phone: expect.stringMatching(/^\*+0018$/) });
      expect(masked).toEqual(['email', 'phone']);
      expect((await queryRows(config, `SELECT upper(phone) AS p FROM ${copy}`)).rows).toEqual([{ p: '***' }]);
      if (c.engine === 'mysql') await c.dropBackups(url);
    });

    it('rollback --data --dry-run says what it would put back and writes nothing; a copy dropped since fails it as it fails the real run', async () => {
      if (!(await c.available())) return;
      const url = await c.create('dry');
      await c.dropBackups(url);
      const config = project(`${c.name}-dry`, c.engine, url, {
        '001_accounts.sql': ACCOUNTS(c.engine),
        '002_zero_eu.sql': "UPDATE accounts SET balance = 0 WHERE region = 'eu';",
        '003_drop_us.sql': "DELETE FROM accounts WHERE region = 'us';",
      }, ', priorBackup: true');
      const schema = c.engine === 'mysql' ? `bb_backup_${new URL(url).pathname.slice(1)}` : 'bb_backup';
      const schemas = async (): Promise<number> => Number((await c.exec(url, `SELECT count(*) AS n FROM information_schema.schemata WHERE schema_name = '${schema}'`))[0]!.n);
      const opts = { config, env: 'dev', format: 'json', color: false, quiet: true, lockTimeout: '10', dryRun: true } as const;
      // Before any prior backup: none, and the dry run does not create the backup schema to say so.
      const none = await rollback({ ...opts, data: '003' } as never, context);
      expect([none.exitCode, (none.data as { targets: { error?: { code: string } }[] }).targets[0]!.error?.code]).toEqual([2, 'prior-backup.none']);
      expect(await schemas()).toBe(0);

      expect((await migrateWithHooks(config)).error).toBeUndefined();
      const state = async (): Promise<unknown[]> => (await c.exec(url, 'SELECT id, balance FROM accounts ORDER BY id')).map((r) => [Number(r.id), String(r.balance)]);
      const before = await state();
      const dry = await rollback({ ...opts, data: '003' } as never, context);
      expect([dry.exitCode, dry.data]).toEqual([0, { environment: 'dev', version: '003', dryRun: true, targets: [{ target: 'dev/app', restored: [{ table: 'accounts', backupTable: `${schema}.003_1_accounts`, kind: 'delete', rows: 2 }] }] }]);
      expect(await state()).toEqual(before);
      const unrestored = async (): Promise<number> => Number((await c.exec(url, `SELECT count(*) AS n FROM ${schema}.bb_prior_backups WHERE restored_at IS NULL`))[0]!.n);
      expect(await unrestored()).toBe(2);

      // 002's copy dropped by hand: the dry run fails as the real run does, and neither puts anything back.
      await c.exec(url, `DROP TABLE ${c.engine === 'mysql' ? `\`${schema}\`.\`002_1_accounts\`` : `${schema}."002_1_accounts"`}`);
      for (const dryRun of [true, false]) {
        const out = await rollback({ ...opts, dryRun, data: '002' } as never, context);
        const error = (out.data as { targets: { restored: unknown[]; error?: { code: string; message: string } }[] }).targets[0];
        expect([out.exitCode, error?.restored, error?.error?.code], `dryRun: ${dryRun}`).toEqual([1, [], 'prior-backup.missing']);
        expect(error?.error?.message).toBe(`The prior backup of 002 statement 1 (${schema}.002_1_accounts) is no longer on dev/app, though ${schema}.bb_prior_backups lists it; nothing was put back.`);
      }
      expect(await state()).toEqual(before);
      expect(await unrestored()).toBe(2);
      if (c.engine === 'mysql') await c.dropBackups(url);
    });

    it('refuses up front a table without a primary key, and more rows than priorBackup.maxRows', async () => {
      if (!(await c.available())) return;
      const url = await c.create('nopk');
      await c.dropBackups(url);
      const config = project(`${c.name}-nopk`, c.engine, url, {
        '001_logs.sql': "CREATE TABLE logs (id int, msg varchar(20));\nINSERT INTO logs VALUES (1, 'x'), (2, 'y');",
      }, '');
      expect((await migrateWithHooks(config)).error).toBeUndefined();
      writeFileSync(join(tmp, `${c.name}-nopk`, 'migrations', '002_clean.sql'), "CREATE TABLE marker (id int PRIMARY KEY);\n-- bb:backup\nDELETE FROM logs WHERE msg = 'x';");
      // bb plan shows the refusal migrate would make (exit 1), and writes nothing either.
      const planned = await plan({ config, env: 'dev', format: 'json', color: false, quiet: true } as never, { ...context, cwd: join(tmp, `${c.name}-nopk`) });
      expect(planned.exitCode).toBe(1);
      expect((planned.data as PlanReport).targets[0]!.error?.message).toMatch(/002_clean\.sql:3: prior backup refused: table logs has no primary key/);
      const refusedPk = await migrateWithHooks(config);
      expect(refusedPk.migrations).toEqual([]);
      expect(refusedPk.error?.code).toBe('prior-backup.no-primary-key');
      expect(refusedPk.error?.message).toMatch(/002_clean\.sql:3: .*logs has no primary key/);
      // Refused before anything ran: not even the CREATE TABLE before the DELETE.
      expect(Number((await c.exec(url, "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'marker'"))[0]!.n)).toBe(0);
      expect(Number((await c.exec(url, 'SELECT count(*) AS n FROM logs'))[0]!.n)).toBe(2);

      const url2 = await c.create('maxrows');
      const config2 = project(`${c.name}-maxrows`, c.engine, url2, {
        '001_accounts.sql': ACCOUNTS(c.engine),
      }, ', priorBackup: { maxRows: 1 }');
      expect((await migrateWithHooks(config2)).error).toBeUndefined();
      writeFileSync(join(tmp, `${c.name}-maxrows`, 'migrations', '002_zero.sql'), "UPDATE accounts SET balance = 0 WHERE region = 'eu';");
      const refused = await migrateWithHooks(config2);
      expect(refused.error?.code).toBe('prior-backup.too-many-rows');
      expect(refused.error?.message).toMatch(/2 rows of accounts, more than priorBackup\.maxRows \(1\)/);
      expect((await c.exec(url2, "SELECT balance FROM accounts WHERE region = 'eu' ORDER BY id")).map((r) => String(r.balance))).toEqual(['100.50', '7.25']);
      await c.cleanup();
    });
  });
}
