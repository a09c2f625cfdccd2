import type { HistoryReport } from '../../cli/commands/history.js';
import { palette, table } from '../color.js';

export function renderHistory(report: HistoryReport, options: { color: boolean }): string {
  const c = palette(options.color);
  const out: string[] = [];
  for (const t of report.targets) {
    out.push(c.bold(t.target));
    if (t.error) {
      out.push(`  ${c.red('error:')} ${t.error.message}`);
      continue;
    }
    if (!t.rows || t.rows.length === 0) {
      out.push(c.gray('  no migrations applied yet'));
      continue;
    }
    const rows = t.rows.map((r) => [
      r.version,
      r.state === 'done' ? c.green(r.state) : r.state === 'failed' || r.state === 'interrupted' ? c.red(r.state) : r.state === 'retry' ? c.yellow(r.state) : c.magenta(r.state),
      r.kind === 'versioned' ? '' : r.kind,
      `${r.applied}/${r.total}`,
      r.finishedAt ?? r.startedAt,
      r.durationMs !== undefined ? `${r.durationMs} ms` : '',
      r.by,
      r.path + (r.error ? c.red(`  ${r.error}`) : ''),
    ]);
    out.push(table([['version', 'status', 'kind', 'stmts', 'when', 'took', 'by', 'file'], ...rows], { header: true }));
  }
  return out.join('\n');
}
