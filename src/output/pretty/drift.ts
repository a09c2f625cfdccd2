import type { DriftReport } from '../../cli/commands/drift.js';
import type { SchemaChange } from '../../drift/diff.js';
import { summarize } from '../../drift/diff.js';
import { palette, type Palette } from '../color.js';
import { snapshotLabel } from '../../drift/snapshot.js';

/** `bb drift`: one line per target, and under a drifted one every changed object with before and after. */
export function renderDrift(report: DriftReport, options: { color: boolean; quiet: boolean }): string {
  const c = palette(options.color);
  const out: string[] = [];
  let clean = 0;
  for (const t of report.targets) {
    if (t.status === 'clean') {
      clean++;
      if (!options.quiet && report.targets.length <= 20) out.push(`${c.green('✓')} ${t.target.id}: no drift (matches the snapshot ${snapshotLabel(t.snapshot?.version)})`);
      continue;
    }
    if (t.status === 'no-snapshot') {
      out.push(`${c.yellow('·')} ${t.target.id}: no snapshot yet (bb has not migrated it); nothing to compare`);
      continue;
    }
    if (t.status === 'error') {
      out.push(`${c.red('!')} ${t.target.id}: ${t.error?.message ?? 'error'}${t.error?.hint ? `\n  ${c.gray('hint:')} ${t.error.hint}` : ''}`);
      continue;
    }
    out.push(`${c.red('✗')} ${t.target.id}: drift since the snapshot ${snapshotLabel(t.snapshot?.version)} (${t.snapshot?.takenAt ?? '?'}): ${summarize(t.changes)}`);
    out.push(renderChanges(t.changes, c, '    '));
  }
  const drifted = report.targets.filter((t) => t.status === 'drift').length;
  const errors = report.targets.filter((t) => t.status === 'error').length;
  const tail = [`${drifted} drifted`, `${clean} clean`];
  if (errors) tail.push(`${errors} not checked`);
  out.push(drifted > 0
    ? c.red(`Drift in ${report.environment}: ${tail.join(', ')} of ${report.targets.length} target${report.targets.length === 1 ? '' : 's'}.`) + `\n${c.gray('hint:')} put the change in a migration (bb new …) or undo it by hand; bb dump --env ${report.environment} shows the live schema.`
    : `${errors ? c.yellow('!') : c.green('✓')} ${report.environment}: ${tail.join(', ')} of ${report.targets.length} target${report.targets.length === 1 ? '' : 's'}.`);
  return out.join('\n');
}

/**
 *   + column public.users.nickname: text
 *   - index public.users_email_idx: CREATE INDEX …
 *   ~ column public.users.age: integer NOT NULL → bigint NOT NULL
 */
export function renderChanges(changes: readonly SchemaChange[], c: Palette, indent = '  '): string {
  const lines: string[] = [];
  const one = (s: string | undefined): string => (s ?? '').replace(/\s*\n\s*/g, ' ');
  for (const ch of changes) {
    const label = `${ch.kind} ${ch.name}`;
    const note = ch.note ? c.gray(` (${ch.note})`) : '';
    if (ch.change === 'added') lines.push(`${indent}${c.green('+')} added ${label}${note}: ${one(ch.after)}`);
    else if (ch.change === 'removed') lines.push(`${indent}${c.red('-')} removed ${label}${note}: ${one(ch.before)}`);
    else {
      const before = one(ch.before);
      const after = one(ch.after);
      if (before.length + after.length < 120) lines.push(`${indent}${c.yellow('~')} changed ${label}${note}: ${before} → ${after}`);
      else lines.push(`${indent}${c.yellow('~')} changed ${label}${note}:\n${indent}    before: ${before}\n${indent}    after:  ${after}`);
    }
  }
  return lines.join('\n');
}
