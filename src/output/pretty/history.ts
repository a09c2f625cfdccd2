import type { HistoryReport } from '../../cli/commands/history.js';
import { appliedAt } from '../../plan/cells.js';
import { palette, table } from '../color.js';

export function renderHistory(report: HistoryReport, options: { color: boolean }): string {
  const c = palette(options.color);
  const out: string[] = [];
  for (const t of report.targets) {
    out.push(c.bold(t.target));
    if (t.error) {
      out.push(`  ${c.red('error:')} ${t.error.message}${t.error.hint ? `\n  ${c.gray('hint:')} ${t.error.hint}` : ''}`);
      continue;
    }
    if (!t.rows || t.rows.length === 0) {
      out.push(c.gray('  no migrations applied yet'));
      continue;
    }
    // The kind column is there only when a row is not a plain versioned migration (a baseline, a repeatable).
    const kinds = t.rows.some((r) => r.kind !== 'versioned');
    const rows = t.rows.map((r) => [
      r.version,
      r.state === 'done' ? c.green(r.state) : r.state === 'failed' || r.state === 'interrupted' ? c.red(r.state) : r.state === 'retry' ? c.yellow(r.state) : c.magenta(r.state),
      ...(kinds ? [r.kind === 'versioned' ? '' : r.kind] : []),
      `${r.applied}/${r.total}`,
      appliedAt(r),
      r.durationMs !== undefined ? `${r.durationMs} ms` : '',
      r.by,
      r.path,
    ]);
    // A row's error goes on a line of its own under the row: in the file column it widened that
    // column (and its underline) for every row to the length of the longest server message.
    const lines = table([['version', 'status', ...(kinds ? ['kind'] : []), 'stmts', 'when', 'took', 'by', 'file'], ...rows], { header: true }).split('\n');
    t.rows.forEach((r, i) => {
      if (r.error) lines[i + 2] += `\n  ${c.red(`error${r.failedStatement !== undefined ? ` (statement ${r.failedStatement + 1} of ${r.total})` : ''}:`)} ${r.error}`;
      if (r.lockError) lines[i + 2] += `\n  ${c.magenta('running or interrupted:')} ${r.lockError}`;
    });
    out.push(lines.join('\n'));
  }
  return out.join('\n');
}
