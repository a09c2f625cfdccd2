/**
 * GitHub Actions workflow commands: one ::error/::warning annotation per finding; a ::warning per notice
 * (the command line not taken as written) and a ::notice per note about the run; then the count.
 */
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
  // Not about a line: annotations of the run (shown in the job's summary), as `bb lint` prints them on stderr elsewhere.
  for (const n of report.notices) lines.push(`::warning title=${prop('bb lint')}::${data(n)}`);
  for (const n of report.notes) lines.push(`::notice title=${prop('bb lint')}::${data(n)}`);
  const { errors, warnings, checked } = report.counts;
  lines.push(`bb lint: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} (checked ${checked} file${checked === 1 ? '' : 's'})`);
  return lines.join('\n');
}
