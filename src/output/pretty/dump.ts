import type { DumpReport } from '../../cli/commands/dump.js';
import type { DiffReport } from '../../cli/commands/diff.js';
import { summarize } from '../../drift/diff.js';
import { palette } from '../color.js';
import { renderChanges } from './drift.js';

/** `bb dump`: the SQL itself on stdout, or what was written / checked. */
export function renderDump(report: DumpReport, options: { color: boolean; quiet: boolean }): string {
  const c = palette(options.color);
  if (report.mode === 'dump' && report.stdout) {
    // The SQL, byte for byte as bb would write it (several databases: each headed by a comment).
    if (report.files.length === 1) return report.files[0]!.schema.replace(/\n$/, '');
    return report.files.map((f) => `-- database ${f.database} (from ${f.source})\n${f.schema}`).join('\n').replace(/\n$/, '');
  }
  const out: string[] = [];
  for (const f of report.files) {
    switch (f.check) {
      case undefined:
        out.push(`${c.green('✓')} wrote ${f.file} (${f.objects} objects, from ${f.source})`);
        break;
      case 'same':
        out.push(`${c.green('✓')} ${f.file} matches the replayed migrations of ${f.database} (${f.objects} objects)`);
        break;
      case 'skipped':
        out.push(`${c.yellow('·')} ${f.database}: not checked: ${f.error?.message ?? ''}`);
        break;
      case 'missing':
        out.push(`${c.red('✗')} ${f.file} does not exist\n  ${c.gray('hint:')} bb dump --replay${f.file ? ` --out ${f.file.replace(/\/[^/]*$/, '') || '.'}` : ''} writes it; commit it with the migrations.`);
        break;
      case 'differs':
        out.push(`${c.red('✗')} ${f.file} differs from the replayed migrations of ${f.database} (first at line ${f.firstDifference?.line}):\n    committed: ${f.firstDifference?.committed}\n    replayed:  ${f.firstDifference?.replayed}\n  ${c.gray('hint:')} bb dump --replay --out ${f.file?.replace(/\/[^/]*$/, '') ?? 'schema'} rewrites it; review and commit the diff.`);
        break;
      case 'error':
        out.push(`${c.red('✗')} ${f.database}: ${f.error?.message ?? 'error'}${f.error?.hint ? `\n  ${c.gray('hint:')} ${f.error.hint}` : ''}`);
        break;
    }
  }
  return out.join('\n');
}

/** `bb diff`: per database, every object that differs between the two environments. */
export function renderDiff(report: DiffReport, options: { color: boolean; quiet: boolean }): string {
  const c = palette(options.color);
  const out: string[] = [];
  for (const d of report.databases) {
    const head = `${d.database}: ${d.from?.id ?? report.from} → ${d.to?.id ?? report.to}`;
    if (d.error) out.push(`${c.red('!')} ${head}: ${d.error.message}${d.error.hint ? `\n  ${c.gray('hint:')} ${d.error.hint}` : ''}`);
    else if (d.changes.length === 0) out.push(`${c.green('✓')} ${head}: same schema`);
    else out.push(`${c.red('≠')} ${head}: ${summarize(d.changes)}\n${renderChanges(d.changes, c, '    ')}`);
  }
  return out.join('\n');
}
