import { describe, expect, it } from 'vitest';
import type { HistoryRow } from '../engine.js';
import { checksum } from '../migrations/checksum.js';
import type { MigrationFile } from '../migrations/model.js';
import { parseVersion } from '../migrations/version.js';
import { currentVersion, rowState, versionCells } from './cells.js';
import type { Analysis } from './analysis.js';
import { statementHash } from '../migrations/checksum.js';

const file = (key: string, sql = `SELECT ${key};`): MigrationFile => ({
  kind: key.startsWith('R__') ? 'repeatable' : 'versioned', version: key.startsWith('R__') ? undefined : parseVersion(key), key, name: key, path: `m/${key}.sql`,
  sql, checksum: checksum(sql), directives: { transaction: 'auto', disable: [] },
});
const row = (f: { key: string; checksum: string; kind?: HistoryRow['kind'] }, patch: Partial<HistoryRow> = {}): HistoryRow => ({
  version: f.key, name: f.key, kind: f.kind ?? 'versioned', path: `m/${f.key}.sql`, checksum: f.checksum, status: 'done', applied: 1, total: 1, statementHashes: [], retry: false,
  startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:01.000Z', by: 'ann@ci', bbVersion: '0', environment: 'prod', ...patch,
});

describe('versionCells', () => {
  it('gives each version its state and the detail a person needs', () => {
    const files = new Map(['1', '2', '3', '4', '5', 'R__v'].map((k) => [k, file(k)]));
    const rows = [
      row(files.get('1')!), row(files.get('2')!, { checksum: 'sha256:0123456789abcdef0123' }), row(files.get('3')!, { status: 'failed', error: 'boom' }),
      row(files.get('4')!, { status: 'pending', applied: 1, total: 3 }), row({ key: '9', checksum: 'x' }), row({ key: 'R__v', checksum: 'old', kind: 'repeatable' }),
    ];
    const versions = ['1', '2', '3', '4', '5', '9', 'R__v'];
    const cells = versionCells(versions, files, rows);
    expect(cells.map((c) => c.state)).toEqual(['done', 'mismatch', 'failed', 'running', 'pending', 'missing-file', 'pending']);
    expect(cells[0]!.detail).toBe('2026-01-01T00:00:01.000Z by ann@ci');
    expect(cells[1]!.detail).toMatch(/m\/2\.sql changed after it was applied/);
    expect(cells[3]!.detail).toMatch(/^1\/3 statements, since/);
    expect(currentVersion(versions, cells)).toBe('2');
  });

  it('counts versions under a baseline as applied, and every cell unknown without a history', () => {
    const files = new Map(['1', '2', '3'].map((k) => [k, file(k)]));
    const cells = versionCells(['1', '2', '3'], files, [row({ key: '2', checksum: 'baseline', kind: 'baseline' })]);
    expect(cells.map((c) => c.state)).toEqual(['baseline', 'baseline', 'pending']);
    expect(currentVersion(['1', '2', '3'], cells)).toBe('2'); // bb status said "at (none)" after a baseline
    expect(versionCells(['1'], files, undefined)).toEqual([{ state: 'unknown' }]);
  });
});

describe('versionCells of a file changed after it was applied', () => {
  it('gives the accept-checksums way out with the environment, as bb migrate does, when it knows the target', () => {
    const files = new Map([['1', file('1')]]);
    const rows = [row(files.get('1')!, { checksum: 'sha256:0123456789abcdef0123' })];
    const target = { environment: 'staging', database: 'app', id: 'staging/app', url: 'mysql://h/db' };
    expect(versionCells(['1'], files, rows, { target })[0]).toMatchObject({
      state: 'mismatch',
      hint: 'Restore the file and put the change in a new migration (or, if the edit is cosmetic, bb repair --env staging --accept-checksums).',
    });
    expect(versionCells(['1'], files, rows)[0]!.hint).toBeUndefined();
  });
});

describe('versionCells with the lock asked (bb status and bb report share this)', () => {
  const target = { environment: 'dev', database: 'app', id: 'dev/app', url: 'mysql://h/db' };
  const files = new Map(['1', '2', '3', '4', '5'].map((k) => [k, file(k)]));
  const rows = [
    row(files.get('1')!, { status: 'pending', applied: 1, total: 3, startedAt: '2026-01-01T10:00:00.000Z' }),
    row(files.get('2')!, { status: 'pending', applied: 2, total: 3 }),
    row(files.get('3')!, { status: 'failed', retry: true, applied: 3, total: 5, failedStatement: 3, error: 'ER_DUP_FIELDNAME (1060): Duplicate column name' }),
    row({ key: '6', checksum: 'x' }, { status: 'failed', retry: true, applied: 1, total: 2, error: 'boom' }),
    row(files.get('4')!, { status: 'failed', applied: 1, total: 2, failedStatement: 1, error: 'boom' }),
    row(files.get('5')!, { status: 'pending', applied: 0, total: 1 }),
  ];
  // 1: nobody holds the lock; 2: a runner does; 5: the holder could not be asked
  const runners = new Map<string, string | null>([['1', null], ['2', 'bb ann@ci pid 7']]);
  const cells = versionCells(['1', '2', '3', '4', '5', '6'], files, rows, { target, runners });

  it('a pending row is interrupted when nobody holds the lock, running when a runner does or when bb could not ask', () => {
    expect(cells.map((c) => c.state)).toEqual(['interrupted', 'running', 'retry', 'failed', 'running', 'failed']);
    expect(cells[0]!.detail).toBe('m/1.sql is recorded as running on dev/app since 2026-01-01T10:00:00.000Z (1 of 3 statements applied), but no runner holds the lock: the run was interrupted');
    expect(cells[0]!.hint).toMatch(/^Check what statement 2 did .* bb repair --env dev --version 1 --retry to resume at statement 2/);
    expect(cells[1]!.detail).toMatch(/running now \(the migration lock is held by bb ann@ci pid 7\)$/);
    expect(cells[4]!.detail).toMatch(/^0\/1 statements, since/);
    expect(cells[4]!.hint).toBeUndefined();
  });

  it('a failed row marked by bb repair --retry says where the next migrate resumes; without its file it stays failed', () => {
    expect(cells[2]!.detail).toBe('failed at statement 4 of 5: ER_DUP_FIELDNAME (1060): Duplicate column name; bb repair --retry was run: the next bb migrate --env dev resumes it at statement 4 of 5');
    expect(cells[2]!.hint).toBe('Run bb migrate --env dev to resume it; bb repair --env dev --version 3 --mark-done or --forget instead if you finish or undo it by hand.');
    expect(cells[3]!.hint).toMatch(/bb repair --env dev --version 4 --retry/);
    expect(cells[5]).toMatchObject({ state: 'failed', detail: 'boom' });
  });

  it('a version marked for retry whose applied statements changed since is failed, as migrate refuses to resume it', () => {
    const f = file('7', 'CREATE TABLE a (x int);\nCREATE TABLE b (x int);');
    const r = row(f, { status: 'failed', retry: true, applied: 1, total: 2, failedStatement: 1, error: 'boom', statementHashes: [statementHash('CREATE TABLE a (x int)')] });
    const analysis = (text: string): Analysis => new Map([['7', { statements: [{ text }, { text: 'CREATE TABLE b (x int)' }] }]]) as unknown as Analysis;
    const same = versionCells(['7'], new Map([['7', f]]), [r], { target, analysis: analysis('CREATE TABLE a (x int)') });
    expect(same[0]!.state).toBe('retry');
    const edited = versionCells(['7'], new Map([['7', f]]), [r], { target, analysis: analysis('CREATE TABLE a (x bigint)') });
    expect(edited[0]).toEqual({
      state: 'failed',
      detail: 'bb repair --retry was run, but m/7.sql: statement 1 changed after it was applied to dev/app, so the migration cannot resume',
      hint: 'Restore the statements that already ran (change only the failed statement and those after it), then bb migrate --env dev resumes it; or fix it by hand and run bb repair --env dev --version 7 --mark-done (finished) or --forget (undone).',
    });
  });

  it('rowState gives history rows the same states', () => {
    expect(rows.map((r) => rowState(r, runners))).toEqual(['interrupted', 'running', 'retry', 'retry', 'failed', 'running']);
    expect(rowState(rows[0]!)).toBe('running');
    expect(rowState(row(files.get('1')!))).toBe('done');
  });
});
