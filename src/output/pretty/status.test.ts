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

describe('bb status: a target\'s summary line', () => {
  it('counts versions under a baseline, so a baselined target does not read as having nothing done', () => {
    const out = renderStatus(report([{ id: 'prod/app' }], [['baseline'], ['done']]), { color: false });
    expect(out).toMatch(/prod\/app: at [^,]+, 1 done, 1 under the baseline$/m);
  });
});

describe('bb status: a group member whose target has a config error', () => {
  const members = (errors: readonly (StatusColumn['error'] | undefined)[]): StatusReport => {
    const base = report(errors.map((_e, i) => ({ id: `prod/app[t${i + 1}]`, group: 'prod/app' })), [errors.map((e) => (e ? 'unknown' : 'done'))]);
    const columns = base.columns.map((col, i) => (errors[i] ? { ...col, error: errors[i]! } : col));
    return { ...base, columns, groups: groupStatus(columns) };
  };
  const config = (i: number): StatusColumn['error'] => ({ kind: 'config', message: `bb.config.yaml:${8 + i}: environments[0].targets.app.urls[${i}]: mysql://root:***@db/t${i + 1} (prod/app[t${i + 1}]) is not a postgres URL.`, hint: 'Use one of the schemes postgres://, postgresql://, pglite:// for a postgres database.' });

  it('is counted as a config error, not as unreachable, and its message is shown without --expand', () => {
    const out = renderStatus(members([undefined, config(1), { kind: 'connect', message: 'Cannot connect to prod/app[t3] (postgres://db/t3): connection refused.' }]), { color: false });
    expect(out).toContain('prod/app (group, 3 members): 1 at (none), 1 config error, 1 unreachable');
    expect(out).toContain('\n  ! prod/app[t2]: bb.config.yaml:9: environments[0].targets.app.urls[1]: mysql://root:***@db/t2 (prod/app[t2]) is not a postgres URL.\n      hint: Use one of the schemes');
    // Unreachable members stay counted: --expand (or JSON) has each one's error.
    expect(out).not.toContain('connection refused');
  });

  it('shows ten of them and counts the rest', () => {
    const out = renderStatus(members(Array.from({ length: 12 }, (_e, i) => config(i))), { color: false });
    expect(out).toContain('prod/app (group, 12 members): 12 config errors');
    expect(out.split('\n').filter((l) => l.includes('is not a postgres URL.'))).toHaveLength(10);
    expect(out).toContain('… and 2 more members with a config error (--expand lists them all)');
  });
});
