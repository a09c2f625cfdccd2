/**
 * Pretty output of the commands that change one target's history or lock outside a migrate run:
 * bb rollback (and --data), bb repair, bb unlock, bb baseline. Drawn from the records their
 * --format json prints; one line (or block) per target, its error with the hint under it.
 */
import type { BaselineReport } from '../../cli/commands/baseline.js';
import type { RepairAction, RepairReport } from '../../cli/commands/repair.js';
import type { DataRollbackReport } from '../../cli/commands/rollback-data.js';
import type { RollbackReport } from '../../cli/commands/rollback.js';
import type { UnlockReport } from '../../cli/commands/unlock.js';
import type { ErrorInfo } from '../../run/runner.js';
import { palette, type Palette } from '../color.js';

type Options = { readonly color: boolean };

export function renderRollback(report: RollbackReport, options: Options): string {
  const c = palette(options.color);
  return report.targets.map((t) => {
    const warnings = t.warnings.map((w) => `${c.yellow('warning:')} ${w}`);
    // A failed target's message already names the versions rolled back before the failure.
    if (t.error) return failed(c, t.target, t.error, warnings);
    const lines = [...t.versions.map((v) => (v.action === 'would-roll-back' ? `would run ${v.path}` : `rolled back ${v.version} (${v.path})`)), ...warnings];
    // Said, or a rollback that asked for more than it did (or a second one with nothing to do) looks like a silent no-op.
    const baseline = t.stoppedAtBaseline === undefined ? undefined
      : `${t.versions.length === 0 ? 'nothing to roll back above' : report.dryRun ? 'would stop at' : 'stopped at'} the baseline ${t.stoppedAtBaseline}: versions up to it were never run by bb and have no down migrations to run`;
    if (baseline && t.versions.length === 0 && warnings.length === 0) return `${t.target}: ${baseline}`;
    if (baseline) lines.splice(t.versions.length, 0, baseline);
    return `${t.target}:${lines.length ? `\n  ${lines.join('\n  ')}` : ' nothing to roll back'}`;
  }).join('\n');
}

export function renderDataRollback(report: DataRollbackReport, options: Options): string {
  const c = palette(options.color);
  return report.targets.map((t) => {
    if (t.error) return failed(c, t.target, t.error);
    const lines = t.restored.map((r) => `${report.dryRun ? (r.kind === 'delete' ? 'would re-insert' : 'would restore') : r.kind === 'delete' ? 're-inserted' : 'restored'} ${r.rows} row${r.rows === 1 ? '' : 's'} of ${r.table} (from ${r.backupTable})`);
    return `${t.target}: data of ${report.version}\n  ${lines.join('\n  ')}`;
  }).join('\n');
}

export function renderRepair(report: RepairReport, options: Options): string {
  const c = palette(options.color);
  return report.targets.map((t) => {
    const warnings = t.warnings.map((w) => `${c.yellow('warning:')} ${w}`);
    if (t.error) return failed(c, t.target, t.error, [...t.actions.map(repairLine), ...warnings]);
    const lines = [...t.actions.map(repairLine), ...(t.snapshot ? ['took a new schema snapshot: bb drift compares against the schema as it is now'] : []), ...warnings];
    return `${t.target}:${lines.length === 0 ? ` nothing to repair${t.created === false ? ' (the database does not exist yet)' : ''}` : `\n  ${lines.join('\n  ')}`}`;
  }).join('\n');
}

function repairLine(a: RepairAction): string {
  const where = `${a.path} (${a.applied} of ${a.total} statements applied)`;
  switch (a.action) {
    case 'accept-checksum':
      return `${a.version}: recorded the new checksum of ${a.path}`;
    case 'forget':
      if (a.baseline) return `${a.version}: forgotten the baseline; the files up to it count as pending again (bb baseline records a new one)`;
      return a.status === 'done'
        ? `${a.version}: forgotten (the record is gone; the file will be applied again unless removed)`
        : `${a.version}: forgotten ${where}; migrate applies it again from the start`;
    case 'mark-done':
      return `${a.version}: marked done ${where}`;
    case 'retry':
      return `${a.version}: migrate will resume ${a.path} at statement ${a.applied + 1} of ${a.total}`;
    case 'clear':
      return `${a.version}: cleared the ${a.status} record of ${a.path} (nothing had been applied); migrate runs it again`;
  }
}

export function renderUnlock(report: UnlockReport, options: Options): string {
  const c = palette(options.color);
  return report.targets.map((t) => {
    if (t.error) return failed(c, t.target, t.error);
    switch (t.lock) {
      case 'released':
        return `${t.target}: released the lock${t.holder ? ` held by ${t.holder}` : ''}`;
      case 'held':
        return `${t.target}: locked by ${t.holder ?? 'another session'}; this lock ends with its session (stop that process, or terminate its server session)`;
      default:
        return `${t.target}: not locked${t.created === false ? ' (the database does not exist yet)' : ''}`;
    }
  }).join('\n');
}

export function renderBaseline(report: BaselineReport, options: Options): string {
  const c = palette(options.color);
  return report.targets.map((t) => {
    if (t.error) return failed(c, t.target, t.error);
    return `${c.green('✓')} ${t.target}: ${t.alreadyBaselined ? `already baselined at ${t.version}: nothing changed` : `baselined at ${t.version}: versions up to it count as applied`}`;
  }).join('\n');
}

/** "✗ target: message", the hint under it, then what the target did before it failed. */
function failed(c: Palette, target: string, error: ErrorInfo, after: readonly string[] = []): string {
  return [`${c.red('✗')} ${target}: ${error.message}`, ...(error.hint ? [`${c.gray('hint:')} ${error.hint}`] : []), ...after].join('\n  ');
}
