import { describe, expect, it } from 'vitest';
import { renderStatus } from './status.js';
import { groupStatus, type CellState, type StatusColumn, type StatusReport } from '../../cli/commands/status.js';

const zero: Record<CellState, number> = { done: 0, pending: 0, failed: 0, running: 0, interrupted: 0, mismatch: 0, 'missing-file': 0, baseline: 0, unknown: 0 };

/** One database, one column per target; `states[v][t]` is version v's cell on target t. */
function report(targets: readonly { id: string; group?: string }[], states: readonly (readonly CellState[])[]): StatusReport {
  const columns: StatusColumn[] = targets.map((t, i) => ({
    environment: 'prod', database: 'app',
    target: { environment: 'prod', database: 'app', id: t.id, url: 'postgres://x' },
    counts: { ...zero, ...Object.fromEntries(states.map((row) => [row[i]!, 1])) },
    ...(t.group ? { group: t.group } : {}),
  }));
  const rows = states.map((row, v) => ({ database: 'app', version: `000${v + 1}`, path: `migrations/000${v + 1}.sql`, cells: row.map((state, i) => ({ column: targets[i]!.id, state })) }));
  return { environments: ['prod'], columns, rows, groups: groupStatus(columns), expand: false };
}

const line = (text: string, version: string): string => text.split('\n').find((l) => l.trimStart().startsWith(version)) ?? '';

describe('bb status: a group cell names its members’ states', () => {
  it('counts a changed file as changed and a missing file as no file, not as failed', () => {
    const out = renderStatus(report([{ id: 'prod/app[a]', group: 'prod/app' }], [['mismatch'], ['missing-file'], ['done']]), { color: false });
    expect(line(out, '0001')).toContain('≠ 0/1 (1 changed)');
    expect(line(out, '0002')).toContain('? 0/1 (1 no file)');
    expect(line(out, '0003')).toContain('✓ 1/1');
    expect(out).not.toContain('failed');
  });

  it('lists each state present; failed sets the mark', () => {
    const group = ['a', 'b', 'c', 'd'].map((m) => ({ id: `prod/app[${m}]`, group: 'prod/app' }));
    const out = renderStatus(report(group, [['done', 'failed', 'mismatch', 'missing-file'], ['done', 'running', 'pending', 'done']]), { color: false });
    expect(line(out, '0001')).toContain('✗ 1/4 (1 failed, 1 changed, 1 no file)');
    expect(line(out, '0002')).toContain('… 2/4 (1 running)');
  });
});
