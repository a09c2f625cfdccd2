import type { FleetResult, MemberOutcome } from '../../run/fleet.js';
import type { DriftResult } from '../../drift/check.js';
import { snapshotLabel } from '../../drift/snapshot.js';
import type { Palette } from '../color.js';
import { renderChanges } from './drift.js';

/**
 * One group after `bb migrate`: a headline with counts, then every member that did not simply finish
 * (failed with its error, skipped, not started), so a 200-member fleet stays readable.
 */
export function renderFleet(f: FleetResult, c: Palette): string {
  const count = (s: MemberOutcome['state']): number => f.members.filter((m) => m.state === s).length;
  const done = count('done');
  const failed = count('failed');
  const skipped = count('skipped');
  const notStarted = count('not-started');
  const parts = [`${done} done`];
  if (failed) parts.push(c.red(`${failed} failed`));
  if (skipped) parts.push(`${skipped} skipped`);
  if (notStarted) parts.push(c.yellow(`${notStarted} not started`));
  const mark = failed ? c.red('✗') : notStarted ? c.yellow('!') : c.green('✓');
  const policy = `concurrency ${f.policy.concurrency}${f.policy.canary ? `, canary ${f.policy.canary}` : ''}, onError ${f.policy.onError}`;
  const applied = f.members.reduce((n, m) => n + (m.result?.migrations.filter((x) => x.status === 'done').length ?? 0), 0);
  const lines = [`${mark} ${c.bold(f.group)} (group, ${f.members.length} member${f.members.length === 1 ? '' : 's'}): ${parts.join(', ')}; ${applied} migration${applied === 1 ? '' : 's'} applied in ${seconds(f.durationMs)} (${policy})`];
  if (f.stopped === 'canary') lines.push(c.red(`  stopped after the canaries: a canary member failed, the other members were not started`));
  else if (f.stopped === 'error') lines.push(c.red(`  stopped after a failure (onError: stop): members not started yet were left alone`));
  else if (f.stopped === 'interrupted') lines.push(c.yellow('  interrupted: members not started yet were left alone'));
  for (const m of f.members) {
    if (m.state === 'failed') {
      lines.push(`  ${c.red('✗ failed')}      ${m.target.id}${m.canary ? ' (canary)' : ''}: ${m.error?.message ?? 'failed'}${m.error?.hint ? `\n                ${c.gray('hint:')} ${m.error.hint}` : ''}`);
    }
  }
  const listed = (state: 'skipped' | 'not-started', label: string): void => {
    const names = f.members.filter((m) => m.state === state).map((m) => m.target.member ?? m.target.id);
    if (names.length > 0) lines.push(`  ${label} ${names.slice(0, 20).join(', ')}${names.length > 20 ? `, … (${names.length - 20} more)` : ''}`);
  };
  listed('not-started', c.yellow('· not started'));
  listed('skipped', c.gray('- skipped    '));
  if (failed || notStarted) lines.push(c.gray(`  hint: fix the cause (bb repair --env ${f.members[0]?.target.environment ?? '<env>'} for failed migrations), then run bb migrate again: members already done are not touched.`));
  return lines.join('\n');
}

/** Drift seen by `bb migrate` before applying (drift: warn prints it and goes on). */
export function renderMigrateDrift(drift: readonly DriftResult[], c: Palette): string {
  return drift
    .map((d) => d.status === 'error'
      ? `${c.yellow('!')} ${d.target.id}: could not check drift: ${d.error?.message ?? ''}`
      : `${c.yellow('!')} ${d.target.id}: schema drifted since the snapshot ${snapshotLabel(d.snapshot?.version)}:\n${renderChanges(d.changes, c, '    ')}`)
    .join('\n');
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
