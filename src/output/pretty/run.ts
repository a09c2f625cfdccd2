import type { RunReport } from '../../cli/commands/migrate.js';
import { palette } from '../color.js';
import { renderTargetPlan } from './plan.js';
import { blocksEnvironment } from '../../plan/report.js';
import { renderFleet, renderMigrateDrift } from './fleet.js';
import { highestVersion } from '../../migrations/version.js';

/** `bb migrate`: what happened on each target, the failure with its fix, and a closing line. */
export function renderRun(report: RunReport, options: { color: boolean; quiet: boolean }): string {
  const c = palette(options.color);
  const drift = report.drift && report.drift.length > 0 ? renderMigrateDrift(report.drift, c) : '';
  const body = renderRunBody(report, c);
  return drift ? `${drift}\n\n${body}` : body;
}

function renderRunBody(report: RunReport, c: ReturnType<typeof palette>): string {
  // Group members are summarised per group (renderFleet), not line by line.
  const members = new Set((report.fleets ?? []).flatMap((f) => f.members.map((m) => m.target.id)));
  const fleets = (report.fleets ?? []).map((f) => renderFleet(f, c));
  const blocked = report.plan.targets.filter(blocksEnvironment);
  if (blocked.length > 0) {
    // A server that cannot be reached is not "blocked" (nothing in the history or the files stops it).
    const unreachable = blocked.filter((t) => t.error?.kind === 'connect').length;
    const stopped = blocked.length - unreachable;
    const why = [
      ...(stopped > 0 ? [`${stopped} target${stopped === 1 ? '' : 's'} blocked`] : []),
      ...(unreachable > 0 ? [`${unreachable} target${unreachable === 1 ? '' : 's'} cannot be reached`] : []),
    ].join(', ');
    // The targets that had work too: a user must not read their silence as "up to date".
    const held = report.plan.targets.filter((t) => !blocksEnvironment(t) && t.steps.length > 0)
      .map((t) => `${c.gray('·')} ${t.target.id}: not started (the blocked target${blocked.length === 1 ? '' : 's'} above stop${blocked.length === 1 ? 's' : ''} the whole environment), ${t.steps.length} migration${t.steps.length === 1 ? '' : 's'} pending`);
    return [c.red(c.bold(`Nothing applied to ${report.environment}: ${why}.`)), ...blocked.map((t) => renderTargetPlan(t, c)), ...(held.length ? [held.join('\n')] : [])].join('\n\n');
  }
  if (report.dryRun) {
    return [c.bold(`Dry run for ${report.environment} (nothing written)`), ...report.plan.targets.map((t) => renderTargetPlan(t, c))].join('\n\n');
  }
  if (report.targets.length === 0 && !report.notStarted?.length) {
    return [...report.plan.targets.filter((t) => !members.has(t.target.id)).map((t) => `${t.target.id}: nothing to do, up to date${t.current ? ` at ${t.current}` : ''} (${t.applied} applied)`), ...fleets].join('\n');
  }
  const out: string[] = [];
  for (const r of report.targets) {
    if (members.has(r.target.id)) continue;
    const done = r.migrations.filter((m) => m.status === 'done');
    const failed = r.migrations.find((m) => m.status === 'failed');
    const notRun = r.migrations.filter((m) => m.status === 'not-run').length;
    const ms = r.migrations.reduce((n, m) => n + m.durationMs, 0);
    const waited = r.waitedForLock ? ' (after waiting for the lock)' : '';
    if (r.error) {
      out.push(`${c.red('✗')} ${r.target.id}: ${r.error.message}${r.error.hint ? `\n  ${c.gray('hint:')} ${r.error.hint}` : ''}`);
      continue;
    }
    if (r.migrations.length === 0) {
      out.push(`${c.green('✓')} ${r.target.id}: nothing to do, already up to date${r.plan?.current ? ` at ${r.plan.current}` : ''}${waited}`);
      continue;
    }
    const now = highestVersion([r.plan?.current, ...done.map((m) => m.version)]);
    const summary = `${done.length} migration${done.length === 1 ? '' : 's'} applied in ${format(ms)}${now ? `, now at ${now}` : ''}${waited}`;
    if (!failed && r.interrupted && notRun > 0) {
      // Stopped between two migrations: nothing half-done, the rest is simply still to apply.
      const next = r.migrations.find((m) => m.status === 'not-run')!;
      out.push(`${c.yellow('!')} ${r.target.id}: ${summary}; ${c.yellow(`interrupted by ${r.interrupted} before ${next.path}`)}, ${notRun} not run\n  ${c.gray('hint:')} Run bb migrate --env ${r.target.environment} again to apply the rest.`);
      continue;
    }
    if (!failed) {
      out.push(`${c.green('✓')} ${r.target.id}: ${summary}`);
      continue;
    }
    const word = failed.error?.code === 'apply.interrupted' ? 'interrupted' : 'failed';
    out.push(`${c.red('✗')} ${r.target.id}: ${summary}; ${c.red(`${word}: ${failed.path}`)}${notRun ? `, ${notRun} not run` : ''}`);
    if (failed.error) out.push(`  ${failed.error.message}${failed.error.hint ? `\n  ${c.gray('hint:')} ${failed.error.hint}` : ''}`);
  }
  const left = report.notStarted ?? [];
  for (const t of left) {
    const why = t.reason === 'interrupted' ? `interrupted${t.by ? ` by ${t.by}` : ''}` : 'bb stopped at the failure above';
    const pending = t.pending === 0 ? 'nothing pending' : `${t.pending} migration${t.pending === 1 ? '' : 's'} pending`;
    out.push(`${c.yellow('·')} ${t.target.id}: ${c.yellow('not started')} (${why}), ${pending}`);
  }
  if (left.some((t) => t.reason === 'interrupted' && t.pending > 0)) {
    out.push(`  ${c.gray('hint:')} Nothing was written to the targets not started; run bb migrate --env ${report.environment} again to apply what is left.`);
  }
  return [...out, ...fleets].join('\n');
}

function format(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
