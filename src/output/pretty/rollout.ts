import type { RolloutReport, RolloutStep } from '../../cli/commands/rollout.js';
import { palette, table, type Palette } from '../color.js';
import { highestVersion } from '../../migrations/version.js';

/** `bb rollout`: one summary table per environment and target, then where it stopped and why. */
export function renderRollout(report: RolloutReport, options: { color: boolean; quiet: boolean }): string {
  const c = palette(options.color);
  const rows: string[][] = [['environment', 'target', 'outcome', 'applied', 'now at', 'time']];
  for (const step of report.environments) rows.push(...stepRows(step, c));
  const out = [table(rows, { header: true })];
  for (const step of report.environments) {
    if (step.error) out.push(`${c.red('✗')} ${step.environment}: ${step.error.message}${step.error.hint ? `\n  ${c.gray('hint:')} ${step.error.hint}` : ''}`);
    for (const t of step.run?.plan.targets ?? []) {
      for (const b of t.blockers) out.push(`${c.red('✗')} ${t.target.id}: ${b.message}\n  ${c.gray('hint:')} ${b.hint}`);
      if (t.error) out.push(`${c.red('✗')} ${t.target.id}: ${t.error.message}${t.error.hint ? `\n  ${c.gray('hint:')} ${t.error.hint}` : ''}`);
    }
    for (const r of step.run?.targets ?? []) {
      const failed = r.migrations.find((m) => m.status === 'failed');
      if (failed?.error) out.push(`${c.red('✗')} ${r.target.id}: ${failed.path}: ${failed.error.message}${failed.error.hint ? `\n  ${c.gray('hint:')} ${failed.error.hint}` : ''}`);
      else if (r.error) out.push(`${c.red('✗')} ${r.target.id}: ${r.error.message}${r.error.hint ? `\n  ${c.gray('hint:')} ${r.error.hint}` : ''}`);
    }
  }
  const reached = report.environments.filter((s) => s.outcome === 'applied' || s.outcome === 'up-to-date').map((s) => s.environment);
  out.push(report.stoppedAt
    ? c.red(c.bold(`Rollout stopped at ${report.stoppedAt}${reached.length ? ` (done: ${reached.join(', ')})` : ''}.`))
    : c.green(c.bold(`Rollout complete: ${reached.join(' → ')}.`)));
  return out.join('\n');
}

const LABEL: Record<RolloutStep['outcome'], string> = {
  applied: '✓ applied', 'up-to-date': '✓ up to date', failed: '✗ failed', blocked: '✗ blocked', unreachable: '✗ unreachable',
  stopped: '■ stopped (protected)', error: '✗ error', 'not-reached': '· not reached',
};

function paint(outcome: RolloutStep['outcome'], text: string, c: Palette): string {
  return outcome === 'applied' || outcome === 'up-to-date' ? c.green(text) : outcome === 'not-reached' ? c.gray(text) : outcome === 'stopped' ? c.yellow(text) : c.red(text);
}

function stepRows(step: RolloutStep, c: Palette): string[][] {
  const name = `${step.environment}${step.protected ? ' *' : ''}`;
  const run = step.run;
  if (!run || (run.targets.length === 0 && run.plan.targets.length === 0)) return [[name, '', paint(step.outcome, LABEL[step.outcome], c), '', '', '']];
  return run.plan.targets.map((t) => {
    const r = run.targets.find((x) => x.target.id === t.target.id);
    const done = r?.migrations.filter((m) => m.status === 'done') ?? [];
    const failed = r?.migrations.some((m) => m.status === 'failed') || !!r?.error || t.blockers.length > 0 || !!t.error;
    // The target's own outcome: its error's kind tells a server that could not be reached or locked
    // from drift (drift: fail), a config error or a refusal at plan time, which block without a connection problem.
    const error = t.error ?? (r?.migrations.some((m) => m.status === 'failed') ? undefined : r?.error);
    const outcome: RolloutStep['outcome'] = failed
      ? (t.blockers.length > 0 ? 'blocked' : error ? errorOutcome(error.kind) : 'failed')
      : done.length > 0 ? 'applied' : step.outcome === 'failed' && !r ? 'not-reached' : 'up-to-date';
    const ms = r?.migrations.reduce((n, m) => n + m.durationMs, 0) ?? 0;
    const at = highestVersion([t.current, ...done.map((m) => m.version)]) ?? '';
    return [name, t.target.id, paint(outcome, LABEL[outcome], c), String(done.length), at, r ? (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`) : ''];
  });
}

/**
 * A target's error as a rollout outcome: connect and lock errors are "unreachable"; config, usage and
 * migrations-folder errors "error"; drift, checksum, history and gate refusals "blocked"; the rest "failed".
 */
function errorOutcome(kind: string): RolloutStep['outcome'] {
  if (kind === 'connect' || kind === 'lock') return 'unreachable';
  if (kind === 'config' || kind === 'usage' || kind === 'migration-dir') return 'error';
  if (kind === 'drift' || kind === 'checksum' || kind === 'history' || kind === 'gate' || kind === 'lint') return 'blocked';
  return 'failed';
}
