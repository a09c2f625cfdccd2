/**
 * bb lint against real PostgreSQL through the binary: `bb lint` without files lints only what no
 * environment has applied (history tables), and `--env` runs the live rules (EXPLAIN on the target).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bb, project } from '../support/bb.js';
import { PostgresDatabases, postgresAvailable } from '../support/servers.js';

const pgUp = await postgresAvailable();
const dbs = new PostgresDatabases('bbt_lint_e2e');
afterAll(async () => {
  if (pgUp) await dbs.dropAll();
});

describe.skipIf(!pgUp)('bb lint with a live PostgreSQL', () => {
  let dir: string;
  let url: string;
  beforeAll(async () => {
    url = await dbs.create('staging');
    dir = project({
      'bb.config.yaml': `databases:
  app: { engine: postgres, migrations: migrations }
environments:
  - name: staging
    targets:
      app: ${url}
`,
      'migrations/0001_events.sql': 'CREATE TABLE events (id bigint PRIMARY KEY, kind text NOT NULL);\n',
    });
    const migrate = await bb(['migrate', '--env', 'staging'], { cwd: dir });
    expect(migrate.code, migrate.stderr).toBe(0);
    await PostgresDatabases.query(url, "INSERT INTO events SELECT g, 'k' FROM generate_series(1, 5000) g; ANALYZE events;");
    writeFileSync(join(dir, 'migrations/0002_cleanup.sql'), "DELETE FROM events WHERE kind = 'k';\nUPDATE events SET nickname = 'x' WHERE id = 1;\n");
  });

  it('without files: only the migrations no environment has applied', async () => {
    const run = await bb(['lint', '--format', 'json'], { cwd: dir });
    const out = JSON.parse(run.stdout) as { files: { path: string }[]; skipped: { id: string }[] };
    expect(out.files.map((f) => f.path)).toEqual(['migrations/0002_cleanup.sql']);
    // No --env: the live rules are listed as skipped.
    expect(out.skipped.map((s) => s.id)).toEqual(expect.arrayContaining(['statement.affected-row-limit', 'statement.dml-dry-run']));
    const all = JSON.parse((await bb(['lint', '--all', '--format', 'json'], { cwd: dir })).stdout) as { files: unknown[] };
    expect(all.files).toHaveLength(2);
  });

  it('--env runs the live rules against that environment', async () => {
    const run = await bb(['lint', '--env', 'staging', '--format', 'json'], { cwd: dir });
    const out = JSON.parse(run.stdout) as { findings: { ruleId: string; line: number; message: string }[]; skipped: unknown[] };
    expect(out.skipped).toEqual([]);
    const ids = out.findings.map((f) => `${f.ruleId}:${f.line}`);
    expect(ids).toContain('statement.affected-row-limit:1');
    expect(ids).toContain('statement.dml-dry-run:2');
    expect(out.findings.find((f) => f.ruleId === 'statement.dml-dry-run')!.message).toContain('nickname');
    expect(run.code).toBe(1); // dml-dry-run is an error
  });
});

describe.skipIf(!pgUp)('bb lint --env FILE connects only to the databases of the named files', () => {
  it('a file of app does not connect to (or note) an unreachable audit database; bb lint --env of everything does', async () => {
    const url = await dbs.create('named');
    const dir = project({
      'bb.config.yaml': `databases:
  app: { engine: postgres, migrations: app }
  audit: { engine: postgres, migrations: audit }
environments:
  - name: staging
    targets:
      app: ${url}
      audit: postgres://postgres@127.0.0.1:9/bbt_lint_e2e_gone
`,
      'app/0001_events.sql': 'CREATE TABLE events (id bigint PRIMARY KEY);\n',
      'audit/0001_log.sql': 'CREATE TABLE log (id bigint PRIMARY KEY);\n',
    });
    const named = await bb(['lint', '--env', 'staging', '--format', 'json', 'app/0001_events.sql'], { cwd: dir });
    expect(named.code, named.stdout + named.stderr).toBe(0);
    expect((JSON.parse(named.stdout) as { notes: string[] }).notes.join('\n')).not.toContain('audit');
    const all = await bb(['lint', '--env', 'staging', '--all', '--format', 'json'], { cwd: dir });
    expect((JSON.parse(all.stdout) as { notes: string[] }).notes.join('\n')).toContain('staging/audit: no live connection');
  });
});
