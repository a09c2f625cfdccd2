import type { ReportOutput } from '../../cli/commands/report.js';
import { openProblems, reportJson } from '../../report/model.js';
import { palette } from '../color.js';

/** After writing the file: where it is and the headline numbers. Without --out: the document itself. */
export async function renderReportNotice(data: ReportOutput, options: { color: boolean; quiet: boolean }): Promise<string> {
  if (!data.out) return renderReportDocument(data);
  const c = palette(options.color);
  const r = data.report;
  const versions = r.databases.reduce((n, d) => n + d.rows.length, 0);
  const targets = r.databases.reduce((n, d) => n + d.columns.reduce((m, col) => m + (col.members?.length ?? 1), 0), 0);
  const problems = openProblems(r);
  const lint = r.lint.status === 'checked' ? `, lint of pending files: ${r.lint.errors} error${r.lint.errors === 1 ? '' : 's'}, ${r.lint.warnings} warning${r.lint.warnings === 1 ? '' : 's'}` : '';
  return `Wrote ${c.bold(data.out)} (${Math.ceil((data.bytes ?? 0) / 1024)} KB): ${r.environments.length} environment${r.environments.length === 1 ? '' : 's'}, ${targets} target${targets === 1 ? '' : 's'}, ${versions} version${versions === 1 ? '' : 's'}, ${problems.count ? c.red(problems.summary) : c.green(problems.summary)}${lint}.`;
}

/** --format markdown|html|json without --out: the document on stdout. */
export async function renderReportDocument(data: ReportOutput): Promise<string> {
  if (data.out) return `Wrote ${data.out}.`;
  if (data.format === 'json') return reportJson(data.report);
  if (data.format === 'markdown') return (await import('../../report/markdown.js')).reportMarkdown(data.report);
  return (await import('../../report/html.js')).reportHtml(data.report);
}
