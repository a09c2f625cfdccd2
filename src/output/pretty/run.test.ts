import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../cli/commands/migrate.js';
import type { MigrationResult } from '../../run/runner.js';
import { renderRun } from './run.js';

const target = { environment: 'staging', database: 'app', id: 'staging/app', url: 'postgres://h/db' };
const migration = (version: string, status: MigrationResult['status'], extra: Partial<MigrationResult> = {}): MigrationResult => ({
  version, path: `migrations/${version}.sql`, status, applied: status === 'done' ? 1 : 0, total: 1, durationMs: status === 'done' ? 5 : 0, transactional: true, ...extra,
});
const report = (migrations: readonly MigrationResult[], interrupted?: string): RunReport => ({
  environment: 'staging', dryRun: false, plan: { environment: 'staging', protected: false, targets: [] },
  targets: [{ target, migrations, waitedForLock: false, ...(interrupted ? { interrupted } : {}) }],
});

describe('renderRun after an interrupt', () => {
  it('a run stopped between two migrations says so and what is left, not a green check', () => {
    const out = renderRun(report([migration('0001', 'done'), migration('0002', 'not-run'), migration('0003', 'not-run')], 'SIGINT (Ctrl-C)'), { color: false, quiet: false });
    expect(out).toBe('! staging/app: 1 migration applied in 5 ms, now at 0001; interrupted by SIGINT (Ctrl-C) before migrations/0002.sql, 2 not run\n  hint: Run bb migrate --env staging again to apply the rest.');
  });

  it('a migration stopped by the interrupt is "interrupted", not "failed"', () => {
    const error = { kind: 'interrupted', code: 'apply.interrupted', message: 'migrations/0002.sql: interrupted by SIGTERM on staging/app while it ran; it was rolled back, none of it is applied.', hint: 'Run bb migrate --env staging again to apply it.' };
    const out = renderRun(report([migration('0001', 'done'), migration('0002', 'failed', { error })], 'SIGTERM'), { color: false, quiet: false });
    expect(out.split('\n')[0]).toBe('✗ staging/app: 1 migration applied in 5 ms, now at 0001; interrupted: migrations/0002.sql');
  });

  it('lists the targets never started, with what they had pending, instead of leaving them out', () => {
    const events = { environment: 'staging', database: 'events', id: 'staging/events', url: 'postgres://h/events' };
    const logs = { environment: 'staging', database: 'logs', id: 'staging/logs', url: 'postgres://h/logs' };
    const interrupted: RunReport = { ...report([migration('0001', 'done'), migration('0002', 'not-run')], 'SIGINT (Ctrl-C)'), notStarted: [
      { target: events, pending: 2, reason: 'interrupted', by: 'SIGINT (Ctrl-C)' },
      { target: logs, pending: 0, reason: 'interrupted', by: 'SIGINT (Ctrl-C)' },
    ] };
    expect(renderRun(interrupted, { color: false, quiet: false }).split('\n').slice(2)).toEqual([
      '· staging/events: not started (interrupted by SIGINT (Ctrl-C)), 2 migrations pending',
      '· staging/logs: not started (interrupted by SIGINT (Ctrl-C)), nothing pending',
      '  hint: Nothing was written to the targets not started; run bb migrate --env staging again to apply what is left.',
    ]);
    const stopped: RunReport = { ...report([migration('0001', 'failed')]), notStarted: [{ target: events, pending: 1, reason: 'stopped' }] };
    expect(renderRun(stopped, { color: false, quiet: false }).split('\n').pop()).toBe('· staging/events: not started (bb stopped at the failure above), 1 migration pending');
  });

  it('a run interrupted before its first target started is not "nothing to do"', () => {
    const out = renderRun({ ...report([]), targets: [], notStarted: [{ target, pending: 1, reason: 'interrupted', by: 'SIGTERM' }] }, { color: false, quiet: false });
    expect(out).toBe('· staging/app: not started (interrupted by SIGTERM), 1 migration pending\n  hint: Nothing was written to the targets not started; run bb migrate --env staging again to apply what is left.');
  });
});

describe('renderRun when the plan stops the environment', () => {
  const plan = (errors: readonly (string | undefined)[]): RunReport => ({
    environment: 'staging', dryRun: false, targets: [],
    plan: { environment: 'staging', protected: false, targets: errors.map((kind, i) => ({
      target: { ...target, id: `staging/app${i}` }, database: 'app', applied: 0, steps: [], warnings: [],
      blockers: kind ? [] : [{ kind: 'gate', version: '0001', path: 'm/0001.sql', message: 'not applied on dev', hint: 'migrate dev' }],
      ...(kind ? { error: { kind, message: 'Cannot connect to staging/app' } } : {}),
    })) },
  });
  it('says a server that cannot be reached cannot be reached, not that its target is blocked', () => {
    expect(renderRun(plan(['connect']), { color: false, quiet: false }).split('\n')[0]).toBe('Nothing applied to staging: 1 target cannot be reached.');
    expect(renderRun(plan([undefined, 'connect', 'connect']), { color: false, quiet: false }).split('\n')[0]).toBe('Nothing applied to staging: 1 target blocked, 2 targets cannot be reached.');
    expect(renderRun(plan([undefined]), { color: false, quiet: false }).split('\n')[0]).toBe('Nothing applied to staging: 1 target blocked.');
  });

  it('names the other targets that had migrations to apply and were not started', () => {
    const report = plan([undefined]);
    const blocked = report.plan.targets[0]!;
    const step = { file: { key: '0002', path: 'm/0002.sql' } } as unknown as (typeof blocked.steps)[number];
    const waiting = { ...blocked, target: { ...target, id: 'staging/events' }, blockers: [], steps: [step, step] };
    const upToDate = { ...blocked, target: { ...target, id: 'staging/audit' }, blockers: [], steps: [] };
    const out = renderRun({ ...report, plan: { ...report.plan, targets: [blocked, waiting, upToDate] } }, { color: false, quiet: false }).split('\n');
    expect(out[0]).toBe('Nothing applied to staging: 1 target blocked.');
    expect(out.pop()).toBe('· staging/events: not started (the blocked target above stops the whole environment), 2 migrations pending');
    expect(out.join('\n')).not.toContain('staging/audit');
  });
});
