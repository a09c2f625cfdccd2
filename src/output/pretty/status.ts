import type { CellState, StatusReport } from '../../cli/commands/status.js';
import { palette, table } from '../color.js';

const SYMBOL: Record<CellState, string> = {
  done: '✓ done', pending: '· pending', failed: '✗ failed', running: '… running', mismatch: '≠ changed', 'missing-file': '? no file', baseline: '⌂ baseline', unknown: '! unknown',
};

/** `bb status`: a matrix per database (versions × environment/target), then problems with their fixes. */
export function renderStatus(report: StatusReport, options: { color: boolean }): string {
  const c = palette(options.color);
  const paint = (s: CellState): string => {
    const text = SYMBOL[s];
    return s === 'done' || s === 'baseline' ? c.green(text) : s === 'pending' ? c.yellow(text) : s === 'failed' || s === 'mismatch' || s === 'missing-file' ? c.red(text) : c.magenta(text);
  };
  const out: string[] = [];
  const databases = [...new Set(report.columns.map((col) => col.database))];
  for (const db of databases) {
    const cols = report.columns.filter((col) => col.database === db);
    const rows = report.rows.filter((r) => r.database === db);
    const header = ['version', 'file', ...cols.map((col) => col.target.id)];
    const body = rows.map((r) => [r.version, r.path || c.gray('(no file)'), ...r.cells.map((cell) => paint(cell.state))]);
    out.push(c.bold(`Database ${db}`));
    out.push(body.length > 0 ? table([header, ...body], { header: true }) : c.gray('  no migrations yet'));
    const notes: string[] = [];
    for (const col of cols) {
      if (col.error) {
        notes.push(`${c.red('!')} ${col.target.id}: ${col.error.message}${col.error.hint ? `\n    ${c.gray('hint:')} ${col.error.hint}` : ''}`);
        continue;
      }
      const parts = [`at ${col.current ?? '(none)'}`, `${col.counts.done} done`];
      if (col.counts.pending) parts.push(`${col.counts.pending} pending`);
      if (col.counts.failed) parts.push(c.red(`${col.counts.failed} failed`));
      if (col.counts.running) parts.push(c.magenta(`${col.counts.running} running or interrupted`));
      if (col.counts.mismatch) parts.push(c.red(`${col.counts.mismatch} changed after apply`));
      if (col.counts['missing-file']) parts.push(c.red(`${col.counts['missing-file']} without file`));
      notes.push(`  ${col.target.id}: ${parts.join(', ')}`);
    }
    for (const r of rows) {
      for (const cell of r.cells) {
        if (cell.detail && (cell.state === 'failed' || cell.state === 'mismatch' || cell.state === 'running')) {
          notes.push(`${c.red('✗')} ${cell.column} ${r.version}: ${cell.detail}`);
        }
      }
    }
    out.push(notes.join('\n'));
  }
  return out.join('\n\n');
}
