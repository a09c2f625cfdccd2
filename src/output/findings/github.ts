/** GitHub Actions workflow commands: one ::error/::warning annotation per finding. */
import type { LintReport } from '../../lint/project.js';

/** Workflow-command escaping: data escapes %, CR, LF; properties also : and ,. */
const data = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const prop = (s: string): string => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function renderGithub(report: LintReport): string {
  const lines: string[] = [];
  for (const f of report.files) {
    for (const x of f.findings) {
      const kind = x.level === 'error' ? 'error' : 'warning';
      const props = [`file=${prop(x.file)}`, `line=${x.span.line}`, `col=${x.span.column}`, `endLine=${x.span.endLine}`, `endColumn=${x.span.endColumn}`, `title=${prop(`bb ${x.ruleId}`)}`];
      lines.push(`::${kind} ${props.join(',')}::${data(x.help ? `${x.message}\n${x.help}` : x.message)}`);
    }
  }
  const { errors, warnings, checked } = report.counts;
  lines.push(`bb lint: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} (checked ${checked} file${checked === 1 ? '' : 's'})`);
  return lines.join('\n');
}
