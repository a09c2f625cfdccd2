/** bb rollback (down files) and bb baseline through the binary, on PGlite: what they write, and what they refuse. */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { bb, clean, project } from '../support/bb.js';

const CONFIG = 'databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: dev\n    targets: { app: "pglite://.bb/dev" }\n';
const FILES = {
  'bb.config.yaml': CONFIG,
  'migrations/0001_a.sql': 'CREATE TABLE a (id int PRIMARY KEY);\n',
  'migrations/0001_a.down.sql': 'DROP TABLE a;\n',
  'migrations/0002_b.sql': 'CREATE TABLE b (id int PRIMARY KEY);\n',
  'migrations/0002_b.down.sql': 'DROP TABLE b;\n',
};

/** The tables of the dev database, through bb query. */
async function tables(dir: string): Promise<string[]> {
  const out = await bb(['query', '--env', 'dev', '--format', 'json', "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('a', 'b', 'q') ORDER BY 1"], { cwd: dir });
  expect(out.code, out.stderr).toBe(0);
  return (JSON.parse(out.stdout) as { t: string }[]).map((r) => r.t);
}

describe('bb rollback', () => {
  it('runs the newest down file first and removes its history row; --steps and --to together are refused', async () => {
    const dir = project(FILES);
    try {
      expect((await bb(['migrate', '--env', 'dev'], { cwd: dir })).code).toBe(0);
      const both = await bb(['rollback', '--env', 'dev', '--steps', '2', '--to', '0001'], { cwd: dir });
      expect([both.code, both.stderr.split('\n')[0]]).toEqual([2, 'error: bb rollback takes --steps or --to, not both.']);
      expect(await tables(dir)).toEqual(['a', 'b']);
      const one = await bb(['rollback', '--env', 'dev'], { cwd: dir });
      expect([one.code, one.stdout]).toEqual([0, expect.stringContaining('rolled back 0002 (migrations/0002_b.down.sql)')]);
      expect(await tables(dir)).toEqual(['a']);
      expect((await bb(['status', '--env', 'dev'], { cwd: dir })).stdout).toMatch(/at 0001, 1 done/);
      const to = await bb(['rollback', '--env', 'dev', '--to', '0000', '--dry-run'], { cwd: dir }); // --to alone (--steps once had a default: every --to was refused)
      expect([to.code, to.stdout]).toEqual([0, expect.stringContaining('would run migrations/0001_a.down.sql')]);
      rmSync(join(dir, 'migrations/0001_a.down.sql'));
      const none = await bb(['rollback', '--env', 'dev'], { cwd: dir });
      expect([none.code, none.stdout]).toEqual([2, expect.stringContaining('hint: Add 0001_a.down.sql beside the up file, or roll back fewer versions.')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to go past a failed version until bb repair resolves it; nothing is rolled back', async () => {
    const dir = project({
      ...FILES,
      'migrations/0003_q.sql': '-- bb:transaction off\nCREATE TABLE q (id int);\nSELECT * FROM nope;\n',
    });
    try {
      expect((await bb(['migrate', '--env', 'dev'], { cwd: dir })).code).toBe(1); // 0003 fails at its statement 2
      const run = await bb(['rollback', '--env', 'dev'], { cwd: dir });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/Nothing was rolled back: migrations\/0003_q\.sql failed on dev\/app at statement 2 of 2 after 1 statement had been applied/);
      expect(run.stdout).toMatch(/hint: .*bb repair --env dev --version 0003/);
      expect(clean(run)).toBe(true);
      expect(await tables(dir)).toEqual(['a', 'b', 'q']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a down file that stops partway outside a transaction leaves its version failed, not done, until bb repair says how it ended', async () => {
    const dir = project({
      ...FILES,
      'migrations/0002_b.sql': '-- bb:transaction off\nCREATE TABLE b (id int PRIMARY KEY);\n',
      'migrations/0002_b.down.sql': 'DROP TABLE b;\nDROP TABLE nope;\n',
    });
    try {
      expect((await bb(['migrate', '--env', 'dev'], { cwd: dir })).code).toBe(0);
      const run = await bb(['rollback', '--env', 'dev'], { cwd: dir });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/migrations\/0002_b\.down\.sql: statement 2 of 2 \(line 2\) failed on dev\/app: .*nope.*; the 1 statement before it stayed applied, and 0002 is recorded as failed\./);
      expect(run.stdout).toContain('hint: Finish the rollback by hand, then bb repair --env dev --version 0002 --forget');
      expect(clean(run)).toBe(true);
      expect(await tables(dir)).toEqual(['a']);
      // Nothing goes past it: neither migrate (which would skip a "done" 0002) nor a second rollback.
      const migrate = await bb(['migrate', '--env', 'dev'], { cwd: dir });
      expect([migrate.code, migrate.stdout + migrate.stderr]).toEqual([1, expect.stringContaining('the rollback of migrations/0002_b.sql stopped partway on dev/app: migrations/0002_b.down.sql statement 2 of 2 failed after 1 ran')]);
      const again = await bb(['rollback', '--env', 'dev'], { cwd: dir });
      expect([again.code, again.stdout]).toEqual([1, expect.stringContaining('Nothing was rolled back: the rollback of migrations/0002_b.sql stopped partway')]);
      const retry = await bb(['repair', '--env', 'dev', '--retry'], { cwd: dir });
      expect([retry.code, retry.stdout]).toEqual([1, expect.stringContaining('bb cannot resume a down file')]);
      expect(await tables(dir)).toEqual(['a']);
      // The rollback finished by hand (here: nothing left to do), the version is forgotten and migrate applies it again.
      const forget = await bb(['repair', '--env', 'dev', '--version', '0002', '--forget'], { cwd: dir });
      expect(forget.code, forget.stdout + forget.stderr).toBe(0);
      expect((await bb(['migrate', '--env', 'dev'], { cwd: dir })).code).toBe(0);
      expect(await tables(dir)).toEqual(['a', 'b']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('with nothing to do, rollback and repair leave no history table behind', async () => {
    const dir = project(FILES);
    try {
      // A database that exists without bb's tables (one that does not exist yet is not even created: test/e2e/write-not-created).
      mkdirSync(join(dir, '.bb'));
      const existing = new PGlite(join(dir, '.bb/dev'));
      await existing.query('SELECT 1');
      await existing.close();
      const rollback = await bb(['rollback', '--env', 'dev'], { cwd: dir });
      expect([rollback.code, rollback.stdout]).toEqual([0, 'dev/app: nothing to roll back\n']);
      const repair = await bb(['repair', '--env', 'dev'], { cwd: dir });
      expect([repair.code, repair.stdout]).toEqual([0, 'dev/app: nothing to repair\n']);
      const out = await bb(['query', '--env', 'dev', '--format', 'json', "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name LIKE 'bb\\_%'"], { cwd: dir });
      expect([out.code, JSON.parse(out.stdout)]).toEqual([0, [{ n: 0 }]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a version with two down files when reading the folder', async () => {
    const dir = project({ ...FILES, 'migrations/0002_other.down.sql': 'SELECT 1;\n' });
    try {
      const run = await bb(['rollback', '--env', 'dev', '--dry-run'], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/Two down migrations for version 0002 in migrations: migrations\/0002_(b|other)\.down\.sql and migrations\/0002_(b|other)\.down\.sql/);
      expect(existsSync(join(dir, '.bb/dev'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bb baseline', () => {
  it('starts an empty history once: status and plan agree on where it is; a second baseline is refused', async () => {
    const dir = project(FILES);
    try {
      expect((await bb(['baseline', '--env', 'dev', '--version', '0002'], { cwd: dir })).code).toBe(0);
      const again = await bb(['baseline', '--env', 'dev', '--version', '0001'], { cwd: dir });
      expect([again.code, again.stdout.trim()]).toEqual([1, '✗ dev/app: dev/app is already baselined at 0002; a baseline only starts an empty history.\n  hint: To move it, remove it first: bb repair --env dev --version 0002 --forget, then bb baseline again.']);
      // A history with migrations: the refusal says where to look (the hint was in --format json only).
      const forget = await bb(['repair', '--env', 'dev', '--version', '0002', '--forget'], { cwd: dir });
      // It said "the file will be applied again unless removed", of a row that has no file.
      expect([forget.code, forget.stdout.trim()]).toEqual([0, 'dev/app:\n  0002: forgotten the baseline; the files up to it count as pending again (bb baseline records a new one)']);
      expect((await bb(['migrate', '--env', 'dev'], { cwd: dir })).code).toBe(0);
      const applied = await bb(['baseline', '--env', 'dev', '--version', '0001'], { cwd: dir });
      expect([applied.code, applied.stdout.trim()]).toEqual([1, '✗ dev/app: dev/app already has migrations in its history; a baseline only starts an empty history.\n  hint: bb status --env dev shows where it stands; bb migrate --env dev applies what is pending.']);
      expect((await bb(['status', '--env', 'dev'], { cwd: dir })).stdout).toMatch(/dev\/app: at 0002/); // it said "at (none)"
      expect((await bb(['plan', '--env', 'dev'], { cwd: dir })).stdout).toMatch(/up to date \(at 0002/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bb rollback down to a baseline', () => {
  // It stopped there without a word, and the next bb rollback said only "nothing to roll back".
  it('says it stopped at the baseline, in pretty and as stoppedAtBaseline in JSON, and why', async () => {
    const dir = project({ ...FILES, 'migrations/0003_c.sql': 'CREATE TABLE c (id int PRIMARY KEY);\n', 'migrations/0003_c.down.sql': 'DROP TABLE c;\n' });
    const why = 'the baseline 0001: versions up to it were never run by bb and have no down migrations to run';
    try {
      expect((await bb(['baseline', '--env', 'dev', '--version', '0001'], { cwd: dir })).code).toBe(0);
      expect((await bb(['migrate', '--env', 'dev'], { cwd: dir })).code).toBe(0); // 0002, 0003
      const dry = await bb(['rollback', '--env', 'dev', '--steps', '10', '--dry-run'], { cwd: dir });
      expect([dry.code, dry.stdout]).toEqual([0, `dev/app:\n  would run migrations/0003_c.down.sql\n  would run migrations/0002_b.down.sql\n  would stop at ${why}\n`]);
      const run = await bb(['rollback', '--env', 'dev', '--steps', '10', '--format', 'json'], { cwd: dir });
      expect([run.code, JSON.parse(run.stdout)]).toEqual([0, {
        environment: 'dev', dryRun: false,
        targets: [{ target: 'dev/app', warnings: [], stoppedAtBaseline: '0001', versions: [
          { version: '0003', path: 'migrations/0003_c.down.sql', action: 'rolled-back' },
          { version: '0002', path: 'migrations/0002_b.down.sql', action: 'rolled-back' },
        ] }],
      }]);
      const again = await bb(['rollback', '--env', 'dev'], { cwd: dir });
      expect([again.code, again.stdout]).toEqual([0, `dev/app: nothing to roll back above ${why}\n`]);
      const to = await bb(['rollback', '--env', 'dev', '--to', '0000', '--format', 'json'], { cwd: dir });
      expect([to.code, JSON.parse(to.stdout).targets[0]]).toEqual([0, { target: 'dev/app', warnings: [], stoppedAtBaseline: '0001', versions: [] }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});

describe('bb baseline --version written another way', () => {
  it('records the version as the files spell it: 1 is 0001 in the history, plan and status', async () => {
    const dir = project(FILES);
    try {
      const run = await bb(['baseline', '--env', 'dev', '--version', '1'], { cwd: dir });
      expect([run.code, run.stdout.trim()]).toEqual([0, '✓ dev/app: baselined at 0001: versions up to it count as applied']);
      // plan said "at 1" and status "at 0001"; the history row was "1".
      expect((await bb(['plan', '--env', 'dev'], { cwd: dir })).stdout).toMatch(/at 0001; 1 to apply/);
      const history = await bb(['history', '--env', 'dev', '--format', 'json'], { cwd: dir });
      expect((JSON.parse(history.stdout) as { targets: { rows: { version: string }[] }[] }).targets[0]!.rows.map((r) => r.version)).toEqual(['0001']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a table at the history location that is not bb\'s', () => {
  it('is a history error naming the table and how to move bb elsewhere, not an internal error', async () => {
    const dir = project({ 'bb.config.yaml': CONFIG, 'migrations/0001_tool.sql': 'CREATE TABLE tool_history (id int, note text);\n' });
    try {
      expect((await bb(['migrate', '--env', 'dev'], { cwd: dir })).code).toBe(0);
      // Point bb's history at the other tool's table.
      writeFileSync(join(dir, 'bb.config.yaml'), CONFIG.replace('migrations: migrations }', 'migrations: migrations, history: { table: tool_history } }'));
      const plan = await bb(['plan', '--env', 'dev'], { cwd: dir });
      expect(plan.code).toBe(1);
      expect(plan.stdout).toMatch(/The table "public"\."tool_history" is not bb's history table: .*column "started_at" does not exist/);
      expect(plan.stdout).toMatch(/hint: .*history\.table/);
      expect(`${plan.stdout}${plan.stderr}`).not.toMatch(/Internal error/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bb repair', () => {
  it('--retry with --accept-checksums does both: the edited done version is accepted and the failed one resumes', async () => {
    const dir = project({
      'bb.config.yaml': CONFIG,
      'migrations/0001_a.sql': 'CREATE TABLE a (id int PRIMARY KEY);\n',
      'migrations/0002_q.sql': '-- bb:transaction off\nCREATE TABLE q (id int);\nSELECT * FROM nope;\n',
    });
    try {
      expect((await bb(['migrate', '--env', 'dev'], { cwd: dir })).code).toBe(1); // 0002 fails at statement 2
      writeFileSync(join(dir, 'migrations/0001_a.sql'), '-- the accounts\nCREATE TABLE a (id int PRIMARY KEY);\n'); // cosmetic
      writeFileSync(join(dir, 'migrations/0002_q.sql'), '-- bb:transaction off\nCREATE TABLE q (id int);\nSELECT 1;\n');
      const repair = await bb(['repair', '--env', 'dev', '--retry', '--accept-checksums'], { cwd: dir });
      expect(repair.code).toBe(0);
      expect(repair.stdout).toMatch(/0001: recorded the new checksum of migrations\/0001_a\.sql/);
      expect(repair.stdout).toMatch(/0002: migrate will resume migrations\/0002_q\.sql at statement 2 of 2/); // it said "nothing to repair"
      const migrate = await bb(['migrate', '--env', 'dev'], { cwd: dir });
      expect([migrate.code, migrate.stdout]).toEqual([0, expect.stringMatching(/now at 0002/)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bb repair --version', () => {
  it('acts on that version only (1 is 0001); the other rows it would touch are left as they are', async () => {
    const dir = project({ ...FILES, 'migrations/0003_q.sql': '-- bb:transaction off\nCREATE TABLE q (id int);\nSELECT * FROM nope;\n' });
    try {
      expect((await bb(['migrate', '--env', 'dev'], { cwd: dir })).code).toBe(1); // 0003 fails at statement 2
      writeFileSync(join(dir, 'migrations/0001_a.sql'), '-- a\nCREATE TABLE a (id int PRIMARY KEY);\n'); // cosmetic edits
      writeFileSync(join(dir, 'migrations/0002_b.sql'), '-- b\nCREATE TABLE b (id int PRIMARY KEY);\n');
      const one = await bb(['repair', '--env', 'dev', '--version', '1', '--accept-checksums', '--retry', '--format', 'json'], { cwd: dir });
      expect([one.code, JSON.parse(one.stdout).targets[0].actions]).toEqual([0, [{ version: '0001', action: 'accept-checksum', path: 'migrations/0001_a.sql', status: 'done', applied: 1, total: 1 }]]);
      // 0002's edit is still unaccepted and 0003 still failed, not marked for retry.
      const status = await bb(['status', '--env', 'dev'], { cwd: dir });
      expect(status.stdout).toMatch(/0001 +migrations\/0001_a\.sql +✓ done/);
      expect(status.stdout).toMatch(/0002 +migrations\/0002_b\.sql +≠/);
      expect(status.stdout).toMatch(/0003 +migrations\/0003_q\.sql +✗ failed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('bb repair --retry of a version migrate cannot resume', () => {
  // A statement that already ran edited since: --retry was accepted, then migrate and status refused the
  // resume while bb doctor said "1 to resume" and passed.
  it('is refused up front when an applied statement changed (or the file is gone), and bb doctor does not pass it', async () => {
    const ran = '-- bb:transaction off\nCREATE TABLE q (id int);\n';
    const dir = project({ 'bb.config.yaml': CONFIG, 'migrations/0001_q.sql': `${ran}SELECT * FROM nope;\n` });
    try {
      expect((await bb(['migrate', '--env', 'dev'], { cwd: dir })).code).toBe(1); // statement 1 ran, 2 failed
      const edited = `-- bb:transaction off\nCREATE TABLE q (id bigint);\nSELECT 1;\n`;
      writeFileSync(join(dir, 'migrations/0001_q.sql'), edited);
      const refused = await bb(['repair', '--env', 'dev', '--retry'], { cwd: dir });
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain('✗ dev/app: migrations/0001_q.sql: statement 1 changed after it was applied to dev/app, so migrate cannot resume it at statement 2; nothing was marked for retry.');
      expect(refused.stdout).toContain('hint: Restore the statements that already ran (change only the failed statement and those after it), then bb repair --env dev --version 0001 --retry; or fix it by hand and run bb repair --env dev --version 0001 --mark-done (finished) or --forget (undone).');
      expect(clean(refused)).toBe(true);
      const json = await bb(['repair', '--env', 'dev', '--version', '1', '--retry', '--format', 'json'], { cwd: dir });
      expect([json.code, JSON.parse(json.stdout).targets[0]]).toEqual([1, expect.objectContaining({ actions: [], error: expect.objectContaining({ kind: 'history', code: 'history.resume-mismatch' }) })]);
      // Nothing was marked: still failed, with migrate's own way out.
      expect((await bb(['status', '--env', 'dev'], { cwd: dir })).stdout).toMatch(/0001 +migrations\/0001_q\.sql +✗ failed/);
      rmSync(join(dir, 'migrations/0001_q.sql'));
      const gone = await bb(['repair', '--env', 'dev', '--retry', '--format', 'json'], { cwd: dir });
      expect([gone.code, JSON.parse(gone.stdout).targets[0].error.code]).toEqual([1, 'history.resume-missing-file']);

      // Restored, the retry is accepted; an applied statement edited after it makes bb doctor fail the target.
      writeFileSync(join(dir, 'migrations/0001_q.sql'), `${ran}SELECT 1;\n`);
      const retry = await bb(['repair', '--env', 'dev', '--retry'], { cwd: dir });
      expect([retry.code, retry.stdout]).toEqual([0, expect.stringContaining('0001: migrate will resume migrations/0001_q.sql at statement 2 of 2')]);
      const ok = await bb(['doctor', '--env', 'dev'], { cwd: dir });
      expect([ok.code, ok.stdout]).toEqual([0, expect.stringMatching(/✓ dev\/app: .*1 history row\(s\), 1 to resume \(bb repair --retry\)/)]);
      writeFileSync(join(dir, 'migrations/0001_q.sql'), edited);
      const doctor = await bb(['doctor', '--env', 'dev'], { cwd: dir });
      expect(doctor.code).toBe(1);
      expect(doctor.stdout).toMatch(/✗ dev\/app: .*1 history row\(s\), 0001 marked for retry but not resumable \(a statement that already ran has changed in the file, or the file is gone\)/);
      expect(doctor.stdout).not.toContain('to resume (bb repair --retry)');
      const migrate = await bb(['migrate', '--env', 'dev'], { cwd: dir });
      expect([migrate.code, migrate.stdout + migrate.stderr]).toEqual([1, expect.stringContaining('statement 1 changed after it was applied to dev/app, so the migration cannot resume')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});

/** `--format json` of rollback, repair and baseline: what was done, as records (it was a list of sentences). */
describe('--format json: records, not sentences', () => {
  const json = (run: { stdout: string }): unknown => JSON.parse(run.stdout);

  it('bb rollback: each version with its down file and action; a down file that fails keeps the versions rolled back before it', async () => {
    const dir = project({ ...FILES, 'migrations/0001_a.down.sql': 'DROP TABLE nope;\n' });
    try {
      expect((await bb(['migrate', '--env', 'dev'], { cwd: dir })).code).toBe(0);
      const dry = await bb(['rollback', '--env', 'dev', '--steps', '2', '--dry-run', '--format', 'json'], { cwd: dir });
      expect([dry.code, json(dry)]).toEqual([0, {
        environment: 'dev', dryRun: true,
        targets: [{ target: 'dev/app', warnings: [], versions: [
          { version: '0002', path: 'migrations/0002_b.down.sql', action: 'would-roll-back' },
          { version: '0001', path: 'migrations/0001_a.down.sql', action: 'would-roll-back' },
        ] }],
      }]);
      const run = await bb(['rollback', '--env', 'dev', '--steps', '2', '--format', 'json'], { cwd: dir });
      expect([run.code, json(run)]).toEqual([1, {
        environment: 'dev', dryRun: false,
        targets: [{
          target: 'dev/app', warnings: [],
          versions: [{ version: '0002', path: 'migrations/0002_b.down.sql', action: 'rolled-back' }],
          error: {
            kind: 'apply', code: 'apply',
            message: expect.stringMatching(/^migrations\/0001_a\.down\.sql: statement 1 of 1 \(line 1\) failed on dev\/app: .*nope.* \(rolled back before it: 0002 \(migrations\/0002_b\.down\.sql\)\)\.$/),
            hint: 'The down migration was rolled back; 0001 is still applied. Fix the down file and try again.',
          },
        }],
      }]);
      expect(await tables(dir)).toEqual(['a']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);

  it('bb repair: each row with its action, file and statements applied; a refusal keeps its code and hint', async () => {
    const dir = project({ ...FILES, 'migrations/0003_q.sql': '-- bb:transaction off\nCREATE TABLE q (id int);\nSELECT * FROM nope;\n' });
    try {
      expect((await bb(['migrate', '--env', 'dev'], { cwd: dir })).code).toBe(1); // 0003 fails at its statement 2
      const refused = await bb(['repair', '--env', 'dev', '--format', 'json'], { cwd: dir });
      expect([refused.code, json(refused)]).toEqual([1, {
        environment: 'dev',
        targets: [{
          target: 'dev/app', actions: [], snapshot: false, warnings: [],
          error: { kind: 'history', code: 'history.partial', message: 'migrations/0003_q.sql on dev/app is failed with 1 of 2 statements applied; bb cannot tell how to finish it.', hint: expect.stringContaining('bb repair --env dev --version 0003 --retry') },
        }],
      }]);
      const retry = await bb(['repair', '--env', 'dev', '--retry', '--format', 'json'], { cwd: dir });
      expect([retry.code, json(retry)]).toEqual([0, {
        environment: 'dev',
        targets: [{ target: 'dev/app', actions: [{ version: '0003', action: 'retry', path: 'migrations/0003_q.sql', status: 'failed', applied: 1, total: 2 }], snapshot: false, warnings: [] }],
      }]);
      // Finished by hand after all: marked done, and the schema as it is becomes the snapshot.
      const done = await bb(['repair', '--env', 'dev', '--version', '3', '--mark-done', '--format', 'json'], { cwd: dir });
      expect([done.code, json(done)]).toEqual([0, {
        environment: 'dev',
        targets: [{ target: 'dev/app', actions: [{ version: '0003', action: 'mark-done', path: 'migrations/0003_q.sql', status: 'failed', applied: 1, total: 2 }], snapshot: true, warnings: [] }],
      }]);
      // The pretty output is drawn from the same records.
      const forget = await bb(['repair', '--env', 'dev', '--version', '0003', '--forget'], { cwd: dir });
      expect([forget.code, forget.stdout]).toEqual([0, 'dev/app:\n  0003: forgotten (the record is gone; the file will be applied again unless removed)\n']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);

  it('bb baseline: the version recorded, and whether it already was; the same baseline again is not an error', async () => {
    const dir = project(FILES);
    try {
      const first = await bb(['baseline', '--env', 'dev', '--version', '0001', '--format', 'json'], { cwd: dir });
      expect([first.code, json(first)]).toEqual([0, { environment: 'dev', targets: [{ target: 'dev/app', version: '0001', alreadyBaselined: false }] }]);
      const again = await bb(['baseline', '--env', 'dev', '--version', '1', '--format', 'json'], { cwd: dir }); // a rerun CI job
      expect([again.code, json(again)]).toEqual([0, { environment: 'dev', targets: [{ target: 'dev/app', version: '0001', alreadyBaselined: true }] }]);
      const pretty = await bb(['baseline', '--env', 'dev', '--version', '0001'], { cwd: dir });
      expect([pretty.code, pretty.stdout]).toEqual([0, '✓ dev/app: already baselined at 0001: nothing changed\n']);
      const other = await bb(['baseline', '--env', 'dev', '--version', '0002', '--format', 'json'], { cwd: dir });
      expect([other.code, json(other)]).toEqual([1, {
        environment: 'dev',
        targets: [{ target: 'dev/app', error: { kind: 'history', code: 'history.not-empty', message: 'dev/app is already baselined at 0001; a baseline only starts an empty history.', hint: 'To move it, remove it first: bb repair --env dev --version 0001 --forget, then bb baseline again.' } }],
      }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
