/**
 * Snowflake through the real `bb` binary against the emulator: migrate, re-run as a no-op, a failure
 * half-way (DDL committed, progress recorded per statement), status, and lint with the Snowflake rules.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bb, clean, project } from './support/bb.js';
import { startSnowflakeEmulator, type SnowflakeEmulator } from './support/snowflake-emulator/index.js';

let emu: SnowflakeEmulator;
let dir: string;
const PASSWORD = 'sf-e2e-secret';

beforeAll(async () => {
  emu = await startSnowflakeEmulator({ users: [{ name: 'deploy', password: PASSWORD }] });
  // Schema names that differ per environment come from vars: (issue #5's placeholders).
  dir = project({
    'bb.config.yaml': `databases:
  wh: { engine: snowflake, migrations: migrations }
environments:
  - name: dev
    vars: { raw_schema: DEV_RAW }
    targets:
      wh: snowflake://deploy:\${SF_PASSWORD}@local/BBT/PUBLIC?warehouse=DEV_WH&accessUrl=\${SF_ACCESS_URL}
`,
    'migrations/0001_events.sql': '// events land here\nCREATE SCHEMA IF NOT EXISTS {{ raw_schema }};\nCREATE TABLE IF NOT EXISTS EVENTS (\n  ID NUMBER NOT NULL,\n  PAYLOAD VARIANT,\n  CONSTRAINT PK_EVENTS PRIMARY KEY (ID)\n);\nINSERT INTO EVENTS (ID) VALUES (1);\nCREATE TABLE {{ raw_schema }}.LANDING (ID NUMBER);',
    'migrations/0002_view.sql': 'CREATE OR REPLACE VIEW RECENT_EVENTS COPY GRANTS AS\nSELECT ID FROM EVENTS WHERE ID > 0;\n',
  });
});
afterAll(async () => emu?.close());

const env = (): Record<string, string> => ({ SF_PASSWORD: PASSWORD, SF_ACCESS_URL: emu.accessUrl });

describe('snowflake through bb (emulator)', () => {
  it('migrates, records history, and re-runs as a no-op', async () => {
    const first = await bb(['migrate', '--env', 'dev'], { cwd: dir, env: env() });
    expect(first.code, first.stderr + first.stdout).toBe(0);
    expect(first.stderr).not.toMatch(/Warning/); // the AWS SDK's Node-version warning is not bb's to print
    expect(clean(first, [PASSWORD])).toBe(true);
    const again = await bb(['migrate', '--env', 'dev', '--format', 'json'], { cwd: dir, env: env() });
    expect(again.code, again.stderr).toBe(0);
    expect(emu.queries.filter((q) => q.includes('CREATE TABLE IF NOT EXISTS EVENTS'))).toHaveLength(1);
    expect(emu.queries.some((q) => q.startsWith('CREATE TABLE DEV_RAW.LANDING (ID NUMBER)'))).toBe(true);
    const status = await bb(['status', '--env', 'dev'], { cwd: dir, env: env() });
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/0002/);
  });

  it('dumps the schema and reports drift made outside migrations', async () => {
    const dump = await bb(['dump', '--env', 'dev'], { cwd: dir, env: env() });
    expect(dump.code, dump.stderr).toBe(0);
    expect(dump.stdout).toContain('CREATE TABLE EVENTS (');
    expect(dump.stdout).toContain('CREATE VIEW RECENT_EVENTS COPY GRANTS AS');
    expect(dump.stdout).not.toMatch(/BB_MIGRATION_HISTORY/);
    const clean0 = await bb(['drift', '--env', 'dev'], { cwd: dir, env: env() });
    expect(clean0.code, clean0.stdout + clean0.stderr).toBe(0);
    const { default: sdk } = await import('snowflake-sdk');
    sdk.configure({ logLevel: 'ERROR', logFilePath: join(tmpdir(), 'bb-snowflake', 'e2e-test.log'), additionalLogToConsole: false } as never);
    const conn = sdk.createConnection({ account: 'local', username: 'deploy', password: PASSWORD, accessUrl: emu.accessUrl, database: 'BBT', schema: 'PUBLIC' } as never);
    await new Promise<void>((resolve, reject) => conn.connect((e) => (e ? reject(e) : resolve())));
    await new Promise<void>((resolve, reject) => conn.execute({ sqlText: 'ALTER TABLE EVENTS ADD COLUMN HOTFIX STRING', complete: (e) => (e ? reject(e) : resolve()) }));
    await new Promise<void>((resolve) => conn.destroy(() => resolve()));
    const drift = await bb(['drift', '--env', 'dev'], { cwd: dir, env: env() });
    expect(drift.code).toBe(1);
    expect(drift.stdout + drift.stderr).toMatch(/HOTFIX/);
  });

  it('stops at a failing statement with the DDL before it committed, and names it', async () => {
    writeFileSync(join(dir, 'migrations/0003_fails.sql'), 'CREATE TABLE AUDIT (ID NUMBER);\nINSERT INTO NO_SUCH_TABLE VALUES (1);\nCREATE TABLE NEVER (ID NUMBER);\n');
    const run = await bb(['migrate', '--env', 'dev'], { cwd: dir, env: env() });
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toMatch(/NO_SUCH_TABLE/);
    expect(clean(run, [PASSWORD])).toBe(true);
    const history = await bb(['history', '--env', 'dev', '--format', 'json'], { cwd: dir, env: env() });
    expect(history.code, history.stderr).toBe(0);
    const rows = (JSON.parse(history.stdout) as { targets: { rows: { version: string; status: string; applied: number; total: number; failedStatement?: number; error?: string }[] }[] }).targets[0]!.rows;
    // Snowflake commits DDL as it goes: statement 1 is applied and recorded, statement 2 failed.
    expect(rows.find((r) => r.version === '0003')).toMatchObject({ status: 'failed', applied: 1, total: 3, failedStatement: 1, error: expect.stringContaining('NO_SUCH_TABLE') });
  });

  it('lints Snowflake migrations with the Snowflake rules', async () => {
    writeFileSync(join(dir, 'migrations/0004_rebuild.sql'), 'CREATE OR REPLACE TABLE EVENTS (ID NUMBER PRIMARY KEY);\nUSE SCHEMA STAGING;\n');
    const lint = await bb(['lint', '--format', 'json'], { cwd: dir, env: env() });
    expect(lint.stdout, lint.stderr).toContain('snowflake.create-or-replace-table');
    expect(lint.stdout).toContain('snowflake.no-use-statement');
    expect(lint.stdout).not.toContain('"syntax"');
  });
});
