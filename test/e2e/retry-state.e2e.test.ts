/**
 * After `bb repair --retry` on a half-applied migration (MariaDB commits each DDL statement), every
 * view says the same thing: the version is to be resumed by the next migrate, at the failed statement.
 * bb status (`↻ retry`, exit 0), bb history, bb report (markdown and json), bb doctor and bb plan, through the
 * real binary against the local MariaDB. Needs `npm run build`.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bb, clean, project } from '../support/bb.js';
import { MysqlDatabases, mysqlAvailable } from '../support/servers.js';

const up = await mysqlAvailable();
const dbs = new MysqlDatabases('bbt_stale_retry');
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  if (up) await dbs.dropAll();
});

const GOOD = 'CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (id int PRIMARY KEY);\nCREATE TABLE c (id int PRIMARY KEY);\n';
const ERROR = "ER_DUP_FIELDNAME (1060): Duplicate column name 'x'";

describe.skipIf(!up)('MariaDB: a failed migration after bb repair --retry', () => {
  it('status says ↻ retry and exits 0; history, report and plan say the same', async () => {
    const url = await dbs.create('retry');
    const dir = project({
      'bb.config.yaml': `databases:\n  app: { engine: mysql, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n      app: ${url}\n`,
      // the 4th statement fails; the first three are committed one by one
      'migrations/0001_four.sql': `${GOOD}ALTER TABLE a ADD COLUMN x int, ADD COLUMN x int;\nCREATE TABLE d (id int PRIMARY KEY);\n`,
    });
    dirs.push(dir);
    const run = (args: readonly string[]) => bb(args, { cwd: dir, timeoutMs: 90_000 });

    const first = await run(['migrate', '--env', 'dev']);
    expect(first.code, first.stdout + first.stderr).toBe(1);
    const failed = await run(['status', '--env', 'dev']);
    expect(failed.code, failed.stdout + failed.stderr).toBe(1);
    expect(failed.stdout).toMatch(/0001 +migrations\/0001_four\.sql +✗ failed/);
    const doctorFailed = await run(['doctor', '--env', 'dev']);
    expect(doctorFailed.code, doctorFailed.stdout + doctorFailed.stderr).toBe(1);
    expect(doctorFailed.stdout).toMatch(/✗ dev\/app: .*1 history row\(s\), 1 failed or interrupted/);

    // the user fixes statement 4 (1–3 stay as they ran) and chooses to resume
    writeFileSync(join(dir, 'migrations/0001_four.sql'), `${GOOD}ALTER TABLE a ADD COLUMN x int;\nCREATE TABLE d (id int PRIMARY KEY);\n`);
    const repair = await run(['repair', '--env', 'dev', '--version', '0001', '--retry']);
    expect(repair.code, repair.stdout + repair.stderr).toBe(0);
    expect(repair.stdout).toContain('0001: migrate will resume migrations/0001_four.sql at statement 4 of 5');

    const status = await run(['status', '--env', 'dev']);
    expect(status.code, status.stdout + status.stderr).toBe(0);
    expect(clean(status)).toBe(true);
    expect(status.stdout).toMatch(/0001 +migrations\/0001_four\.sql +↻ retry/);
    expect(status.stdout).toContain('dev/app: at (none), 0 done, 1 to resume');
    expect(status.stdout).toContain(`↻ dev/app 0001: failed at statement 4 of 5: ${ERROR}; bb repair --retry was run: the next bb migrate --env dev resumes it at statement 4 of 5\n    hint: Run bb migrate --env dev to resume it; bb repair --env dev --version 0001 --mark-done or --forget instead if you finish or undo it by hand.`);
    const statusJson = await run(['status', '--env', 'dev', '--format', 'json']);
    expect(statusJson.code).toBe(0);
    const cell = JSON.parse(statusJson.stdout).rows[0].cells[0];
    expect(cell).toMatchObject({ column: 'dev/app', state: 'retry', hint: expect.stringContaining('Run bb migrate --env dev to resume it') });

    // an applied statement edited after the repair: migrate would refuse to resume, and status says so
    const fixed = `${GOOD}ALTER TABLE a ADD COLUMN x int;\nCREATE TABLE d (id int PRIMARY KEY);\n`;
    writeFileSync(join(dir, 'migrations/0001_four.sql'), fixed.replace('CREATE TABLE b (id int PRIMARY KEY)', 'CREATE TABLE b (id bigint PRIMARY KEY)'));
    const edited = await run(['status', '--env', 'dev']);
    expect(edited.code, edited.stdout + edited.stderr).toBe(1);
    expect(edited.stdout).toContain('✗ dev/app 0001: bb repair --retry was run, but migrations/0001_four.sql: statement 2 changed after it was applied to dev/app, so the migration cannot resume');
    writeFileSync(join(dir, 'migrations/0001_four.sql'), fixed);

    // bb doctor counted every row not done as "failed or interrupted" and failed the check
    const doctor = await run(['doctor', '--env', 'dev']);
    expect(doctor.code, doctor.stdout + doctor.stderr).toBe(0);
    expect(doctor.stdout).toMatch(/✓ dev\/app: .*1 history row\(s\), 1 to resume \(bb repair --retry\)/);

    const history = await run(['history', '--env', 'dev']);
    expect(history.code, history.stdout + history.stderr).toBe(0);
    expect(history.stdout).toMatch(/0001 +retry +3\/5 /);
    const historyJson = await run(['history', '--env', 'dev', '--format', 'json']);
    expect(JSON.parse(historyJson.stdout).targets[0].rows[0]).toMatchObject({ version: '0001', status: 'failed', retry: true, state: 'retry', applied: 3, total: 5 });

    const md = await run(['report', '--env', 'dev', '--format', 'markdown', '--no-drift']);
    expect(md.code, md.stdout + md.stderr).toBe(0);
    expect(md.stdout).toContain('| 0001 | `migrations/0001_four.sql` | ↻ retry |');
    expect(md.stdout).toMatch(/### Open failures\n\nNone\./);
    expect(md.stdout).toMatch(/\| 0001 four \| retry \|/);
    const reportJson = JSON.parse((await run(['report', '--env', 'dev', '--format', 'json', '--no-drift', '--no-lint'])).stdout);
    expect(reportJson.report.databases[0].rows[0].cells[0]).toMatchObject({ state: 'retry', detail: expect.stringContaining('resumes it at statement 4 of 5') });
    expect(reportJson.report.timeline[0].entries[0]).toMatchObject({ version: '0001', status: 'failed', state: 'retry' });

    const plan = await run(['plan', '--env', 'dev']);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(plan.stdout).toContain('resume from statement 4');

    const resumed = await run(['migrate', '--env', 'dev']);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    const after = await run(['status', '--env', 'dev']);
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/0001 +migrations\/0001_four\.sql +✓ done/);
  }, 600_000);
});
