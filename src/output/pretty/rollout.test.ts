import { describe, expect, it } from 'vitest';
import type { RolloutReport } from '../../cli/commands/rollout.js';
import type { TargetPlanReport } from '../../plan/report.js';
import type { TargetResult } from '../../run/runner.js';
import { renderRollout } from './rollout.js';

const target = { environment: 'staging', database: 'app', id: 'staging/app', url: 'mysql://h/db' };
const planned = (error?: TargetPlanReport['error']): TargetPlanReport => ({ target, database: 'app', current: '0002', applied: 2, steps: [], blockers: [], warnings: [], ...(error ? { error } : {}) });
const report = (plan: TargetPlanReport, ran: readonly TargetResult[] = []): RolloutReport => ({
  environments: [{ environment: 'staging', protected: false, outcome: 'blocked', exitCode: 1, run: { environment: 'staging', dryRun: false, plan: { environment: 'staging', protected: false, targets: [plan] }, targets: ran } }],
  stoppedAt: 'staging',
});
const row = (out: string): string => out.split('\n').find((l) => l.startsWith('staging '))!;

describe('renderRollout: the outcome of a target that did not run', () => {
  it('a target blocked by drift (drift: fail) is "blocked", not "unreachable"', () => {
    const out = renderRollout(report(planned({ kind: 'drift', message: 'staging/app has drifted from its last snapshot (after 0003): 0 added, 3 removed, 0 changed.' })), { color: false, quiet: false });
    expect(row(out)).toContain('✗ blocked');
    expect(row(out)).not.toContain('unreachable');
  });

  it('a target that cannot be reached is "unreachable"; a config error is "error"', () => {
    expect(row(renderRollout(report(planned({ kind: 'connect', message: 'Cannot connect' })), { color: false, quiet: false }))).toContain('✗ unreachable');
    expect(row(renderRollout(report(planned({ kind: 'config', message: 'bad URL' })), { color: false, quiet: false }))).toContain('✗ error');
  });

  it('a lock that could not be taken while running is "unreachable", not "failed"', () => {
    const ran: TargetResult = { target, migrations: [], waitedForLock: true, error: { kind: 'lock', code: 'lock.timeout', message: 'Timed out after 2 s waiting for the migration lock' } };
    expect(row(renderRollout(report(planned(), [ran]), { color: false, quiet: false }))).toContain('✗ unreachable');
  });
});
