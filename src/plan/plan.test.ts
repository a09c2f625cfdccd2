import { describe, expect, it } from 'vitest';
import type { HistoryRow, RawStatement } from '../engine.js';
import { checksum, statementHash } from '../migrations/checksum.js';
import type { MigrationDir, MigrationFile } from '../migrations/model.js';
import { parseVersion } from '../migrations/version.js';
import type { Analysis } from './analysis.js';
import { describeBlocker, INTERRUPTED_ROW, planTarget, type PlanInput } from './plan.js';

const target = { environment: 'prod', database: 'app', id: 'prod/app', url: 'postgres://h/db' };
const file = (version: string, sql = `SELECT ${version};`, extra: Partial<MigrationFile> = {}): MigrationFile => ({
  kind: 'versioned', version: parseVersion(version), key: version, name: `v${version}`, path: `m/${version}_v.sql`, sql, checksum: checksum(sql),
  directives: { transaction: 'auto', disable: [] }, ...extra,
});
const repeatable = (name: string, sql: string): MigrationFile => ({
  kind: 'repeatable', version: undefined, key: `R__${name}`, name, path: `m/R__${name}.sql`, sql, checksum: checksum(sql), directives: { transaction: 'auto', disable: [] },
});
const split = (sql: string): RawStatement[] => sql.split(';').map((s) => s.trim()).filter(Boolean).map((text, index) => ({ index, text, span: { line: index + 1, column: 1, endLine: index + 1, endColumn: 1, offset: 0, length: 0 }, comments: [] }));
const row = (f: MigrationFile, patch: Partial<HistoryRow> = {}): HistoryRow => ({
  version: f.key, name: f.name, kind: f.kind, path: f.path, checksum: f.checksum, status: 'done', applied: 1, total: 1, statementHashes: [], retry: false,
  startedAt: '2026-01-01T00:00:00Z', by: 'x', bbVersion: '0', environment: 'prod', ...patch,
});
function input(files: MigrationFile[], rows: HistoryRow[], extra: Partial<PlanInput> = {}): PlanInput {
  const dir: MigrationDir = { database: 'app', engine: 'postgres', root: 'm', files };
  const analysis: Analysis = new Map(files.map((f) => {
    const statements = split(f.sql);
    const nonTransactional = statements.filter((s) => /CONCURRENTLY/.test(s.text)).map((s) => ({ index: s.index, line: s.span.line, reason: 'CREATE INDEX CONCURRENTLY' }));
    return [f.key, { statements, nonTransactional, unsupported: [] }];
  }));
  return { dir, analysis, target, rows, allowOutOfOrder: false, transactionalDdl: true, ...extra };
}

describe('planTarget', () => {
  it('plans pending versions in order, then changed repeatables', () => {
    const [a, b, c] = [file('1'), file('2'), file('10')];
    const view = repeatable('view', 'CREATE VIEW v AS SELECT 1;');
    const plan = planTarget(input([a!, b!, c!, view], [row(a!), row(view, { checksum: 'sha256:old' })]));
    expect(plan.steps.map((s) => [s.file.key, s.action])).toEqual([['2', 'apply'], ['10', 'apply'], ['R__view', 'reapply']]);
    expect(plan.blockers).toEqual([]);
    expect(plan.current).toBe('1');
  });

  it('marks migrations that cannot run in a transaction, with the reason', () => {
    const f = file('1', 'CREATE TABLE t (a int); CREATE INDEX CONCURRENTLY i ON t (a);');
    const off = file('2', 'SELECT 1;', { directives: { transaction: 'off', disable: [] } });
    const plan = planTarget(input([f, off], []));
    expect(plan.steps.map((s) => [s.transactional, s.noTransactionReason])).toEqual([[false, 'CREATE INDEX CONCURRENTLY (line 2)'], [false, '-- bb:transaction off']]);
    expect(planTarget(input([file('3')], [], { transactionalDdl: false })).steps[0]!.noTransactionReason).toBe('the engine commits DDL implicitly');
    // dbmate's own switch is named as written, not as a bb directive the file does not have
    const dbmate = file('4', 'SELECT 1;', { directives: { transaction: 'off', transactionOffBy: '-- migrate:up transaction:false', disable: [] } });
    expect(planTarget(input([dbmate], [])).steps[0]!.noTransactionReason).toBe('-- migrate:up transaction:false');
  });

  it('blocks on edited files, failures, interrupted runs, missing files and out-of-order files', () => {
    const [a, b, c, d, e] = [file('1'), file('2'), file('3'), file('4'), file('5')];
    const plan = planTarget(input([a!, c!, d!, e!], [
      row(a!, { checksum: 'sha256:before' }), row(b!), row(d!), row(e!, { status: 'failed', error: 'boom', failedStatement: 0, applied: 0 }),
    ]));
    expect(plan.blockers.map((x) => x.kind).sort()).toEqual(['checksum-mismatch', 'failed', 'missing-file', 'out-of-order']);
    const pending = planTarget(input([a!], [row(a!, { status: 'pending' })]));
    expect(pending.blockers.map((x) => x.kind)).toEqual(['stale-pending']);
    expect(planTarget(input([a!, c!, d!], [row(d!)], { allowOutOfOrder: true })).steps.map((s) => s.file.key)).toEqual(['1', '3']);
  });

  it('says what to do about a version interrupted by a signal and one left pending by a killed run', () => {
    const a = file('1', 'CREATE TABLE t (id int);SELECT pg_sleep(30);INSERT INTO t VALUES (1)');
    const interrupted = planTarget(input([a], [row(a, { status: 'failed', applied: 1, total: 3, failedStatement: 1, error: `${INTERRUPTED_ROW}SIGTERM during statement 2 of 3 (line 2), which bb asked the server to cancel` })]));
    expect(describeBlocker(interrupted.blockers[0]!, target)).toEqual({
      message: 'm/1_v.sql on prod/app: interrupted by SIGTERM during statement 2 of 3 (line 2), which bb asked the server to cancel; 1 of 3 statements applied',
      hint: 'If that statement left nothing behind, bb repair --env prod --version 1 --retry resumes at statement 2; --mark-done if you finished it by hand, --forget if you undid what it applied.',
    });
    const stale = planTarget(input([a], [row(a, { status: 'pending', applied: 1, total: 3 })]));
    expect(describeBlocker(stale.blockers[0]!, target).hint).toBe('Check what statement 2 did (on some servers it runs on after its client died), then bb repair --env prod --version 1 --retry to resume at statement 2, --mark-done if you finished it by hand, or --forget if you undid it by hand.');
  });

  it('the hint for an edited applied file is a command that runs as written (with --env)', () => {
    const a = file('1');
    const plan = planTarget(input([a], [row(a, { checksum: 'sha256:before' })]));
    expect(describeBlocker(plan.blockers[0]!, target).hint).toBe('Restore the file and put the change in a new migration (or, if the edit is cosmetic, bb repair --env prod --accept-checksums).');
  });

  it('resumes after repair --retry, and refuses when an applied statement changed', () => {
    const f = file('5', 'CREATE TABLE a (x int); CREATE TABLE b (x int); SELECT 3;');
    const retry = row(f, { status: 'failed', retry: true, applied: 2, total: 3, statementHashes: [statementHash('CREATE TABLE a (x int)'), statementHash('CREATE TABLE b (x int)')] });
    expect(planTarget(input([f], [retry])).steps.map((s) => [s.action, s.fromStatement])).toEqual([['resume', 2]]);
    const edited = file('5', 'CREATE TABLE a (y int); CREATE TABLE b (x int); SELECT 3;');
    expect(planTarget(input([edited], [retry])).blockers.map((b) => [b.kind, 'statement' in b ? b.statement : -1])).toEqual([['resume-mismatch', 0]]);
  });

  it('enforces the promotion gate against every target of the previous environment', () => {
    const [a, b] = [file('1'), file('2')];
    const staging = { name: 'staging', histories: [
      { target: { ...target, environment: 'staging', id: 'staging/app[t1]' }, rows: [row(a!), row(b!)] },
      { target: { ...target, environment: 'staging', id: 'staging/app[t2]' }, rows: [row(a!)] },
    ] };
    const plan = planTarget(input([a!, b!], [], { previous: staging }));
    expect(plan.blockers).toEqual([{ kind: 'gate', version: '2', path: 'm/2_v.sql', previousEnvironment: 'staging', notDoneOn: ['staging/app[t2]'] }]);
  });

  it('skips versions covered by a baseline and honours --to', () => {
    const files = ['1', '2', '3', '4'].map((v) => file(v));
    const baseline = row(files[1]!, { kind: 'baseline', checksum: 'baseline' });
    expect(planTarget(input(files, [baseline])).steps.map((s) => s.file.key)).toEqual(['3', '4']);
    expect(planTarget(input(files, [], { to: '2' })).steps.map((s) => s.file.key)).toEqual(['1', '2']);
  });

  it('plans 5,000 files against a 4,999-row history as plain data', () => {
    const files = Array.from({ length: 5000 }, (_, i) => file(String(i + 1).padStart(5, '0')));
    const rows = files.slice(0, 4999).map((f) => row(f));
    const plan = planTarget(input(files, rows));
    expect(plan.steps.map((s) => s.file.key)).toEqual(['05000']);
    expect(plan.applied).toBe(4999);
  });
});
