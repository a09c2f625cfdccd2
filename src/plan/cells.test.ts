import { describe, expect, it } from 'vitest';
import type { HistoryRow } from '../engine.js';
import { checksum } from '../migrations/checksum.js';
import type { MigrationFile } from '../migrations/model.js';
import { parseVersion } from '../migrations/version.js';
import { currentVersion, versionCells } from './cells.js';

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
