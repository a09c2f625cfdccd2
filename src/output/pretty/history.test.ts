import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../cli/commands/history.js';
import { renderHistory } from './history.js';

const row = (version: string, patch: Partial<HistoryEntry> = {}): HistoryEntry => ({
  version, name: `v${version}`, kind: 'versioned', path: `migrations/${version}_v.sql`, checksum: 'sha256:x', status: 'done', applied: 1, total: 1, statementHashes: [], retry: false,
  startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:01.000Z', durationMs: 5, by: 'ci@host', bbVersion: '0', environment: 'dev', state: patch.status ?? 'done', ...patch,
});

describe('renderHistory', () => {
  it('puts a failed row\'s error on its own line, so a long server message does not widen the file column', () => {
    const error = `ER_NO_REFERENCED_ROW_2 (1452): Cannot add or update a child row: ${'x'.repeat(150)}`;
    const out = renderHistory({ environment: 'dev', targets: [{ target: 'dev/app', rows: [row('0002', { status: 'failed', applied: 1, total: 3, failedStatement: 1, error }), row('0001')] }] }, { color: false });
    const lines = out.split('\n');
    expect(lines[0]).toBe('dev/app');
    expect(lines[1]).toMatch(/^version +status +stmts +when +took +by +file$/);
    // The underline of the file column is as wide as the longest path, not the error.
    expect(lines[2]!.endsWith(` ${'─'.repeat('migrations/0002_v.sql'.length)}`)).toBe(true);
    expect(lines[3]).toMatch(/^0002 +failed +1\/3 .* migrations\/0002_v\.sql$/);
    expect(lines[4]).toBe(`  error (statement 2 of 3): ${error}`);
    expect(lines[5]).toMatch(/^0001 +done +1\/1 .* migrations\/0001_v\.sql$/);
    expect(Math.max(...[lines[1], lines[2], lines[3], lines[5]].map((l) => l!.length))).toBeLessThan(120);
  });

  it('says under a pending row why bb cannot tell running from interrupted when the lock could not be read', () => {
    const lockError = 'dev/app: cannot tell whether a runner holds the migration lock: reading the lock table `bb_migration_history_lock` failed: SELECT command denied.';
    const out = renderHistory({ environment: 'dev', targets: [{ target: 'dev/app', rows: [row('0002', { status: 'pending', state: 'running', applied: 1, total: 3, lockError }), row('0001')] }] }, { color: false });
    const lines = out.split('\n');
    expect(lines[3]).toMatch(/^0002 +running +1\/3 /);
    expect(lines[4]).toBe(`  running or interrupted: ${lockError}`);
  });

  it('has a kind column only when a row is not a plain versioned migration', () => {
    const plain = renderHistory({ environment: 'dev', targets: [{ target: 'dev/app', rows: [row('0002'), row('0001')] }] }, { color: false }).split('\n');
    expect(plain[1]).toMatch(/^version +status +stmts +when/);
    const baselined = renderHistory({ environment: 'dev', targets: [{ target: 'dev/app', rows: [row('0002'), row('0001', { kind: 'baseline', applied: 0, total: 0 })] }] }, { color: false }).split('\n');
    expect(baselined[1]).toMatch(/^version +status +kind +stmts +when/);
    expect(baselined[3]).toMatch(/^0002 +done +1\/1 /);
    expect(baselined[4]).toMatch(/^0001 +done +baseline +0\/0 /);
  });

  it('a target that could not be read shows its error and its hint', () => {
    const out = renderHistory({ environment: 'dev', targets: [{ target: 'dev/app', error: { kind: 'connect', message: 'Cannot connect to dev/app: ECONNREFUSED.', hint: 'Check that the server is running.' } }] }, { color: false });
    expect(out).toBe('dev/app\n  error: Cannot connect to dev/app: ECONNREFUSED.\n  hint: Check that the server is running.');
  });
});
