/** Human output: file:line:col, level, rule, message, the source line with a caret, a hint; then a summary count. */
import { palette } from '../color.js';
import type { LintReport } from '../../lint/project.js';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function renderPretty(report: LintReport, options: { color: boolean; quiet: boolean; sources?: ReadonlyMap<string, string> }): string {
  const c = palette(options.color);
  const out: string[] = [];
  for (const file of report.files) {
    const findings = options.quiet ? file.findings.filter((f) => f.level === 'error') : file.findings;
    if (findings.length === 0) continue;
    const lines = options.sources?.get(file.path)?.split('\n');
    for (const f of findings) {
      const level = f.level === 'error' ? c.red('error') : c.yellow('warning');
      out.push(`${c.bold(`${f.file}:${f.span.line}:${f.span.column}`)} ${level} ${c.gray(`[${f.ruleId}]`)} ${f.message}`);
      const src = lines?.[f.span.line - 1];
      if (src !== undefined) {
        const gutter = String(f.span.line);
        const width = f.span.endLine === f.span.line ? Math.max(1, f.span.endColumn - f.span.column + 1) : 1;
        out.push(`  ${c.gray(`${gutter} |`)} ${src.replace(/\t/g, ' ')}`);
        out.push(`  ${' '.repeat(gutter.length)} ${c.gray('|')} ${' '.repeat(Math.max(0, f.span.column - 1))}${c.red('^'.repeat(Math.min(width, Math.max(1, src.length - f.span.column + 1))))}`);
      }
      if (f.help) out.push(`  ${c.cyan('hint:')} ${f.help}`);
      out.push(`  ${c.dim(f.docsUrl)}`);
      out.push('');
    }
  }
  if (!options.quiet) {
    if (report.skipped.length > 0) {
      const ids = report.skipped.map((s) => s.id).join(', ');
      out.push(c.dim(`skipped ${plural(report.skipped.length, 'rule')} that need${report.skipped.length === 1 ? 's' : ''} a database connection (${ids}): bb lint --env <environment> runs them`));
    }
    for (const n of report.notes) out.push(c.dim(`note: ${n}`));
  }
  const { errors, warnings, files, checked } = report.counts;
  const summary = errors + warnings === 0
    ? `No problems (checked ${plural(checked, 'file')})`
    : `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files, 'file')} (checked ${checked})`;
  out.push(errors > 0 ? c.red(c.bold(summary)) : warnings > 0 ? c.yellow(summary) : c.green(summary));
  return out.join('\n');
}
