/**
 * The report as markdown, for a CI job summary: the same sections as the HTML page. The matrix lists
 * only versions that are not done everywhere (the rest are counted), so 500 versions stay short.
 */
import { appliedAt } from '../plan/cells.js';
import { duration } from './html.js';
import { openProblems, SEVERITY, STATE_LABEL, STATES, type ReportCell, type ReportData, type StateCounts } from './model.js';

export function reportMarkdown(data: ReportData): string {
  const out: string[] = [`## ${data.title}`, '', `Generated ${data.generatedAt} by bb ${data.bbVersion} from \`${data.config}\`. Promotion order: ${data.environments.map((e) => `**${e.name}**${e.protected ? ' (protected)' : ''}`).join(' → ')}.`];
  out.push('', `Legend: ${STATES.map((s) => `${STATE_LABEL[s].symbol} ${STATE_LABEL[s].label}`).join(' · ')}`);
  for (const db of data.databases) {
    const open = db.rows.filter((r) => !r.cells.every((c) => c.state === 'done' || c.state === 'baseline'));
    out.push('', `### Database \`${db.name}\` (${db.engine})`, '');
    out.push(`| Target | At version | States |`, '|---|---|---|');
    for (const c of db.columns) out.push(`| \`${cell(c.id)}\`${c.members ? ` (group of ${c.members.length})` : ''} | ${cell(c.current ?? '(none)')} | ${counts(c.counts)}${c.errors.length ? ` · ⚠️ ${c.errors.length} not readable` : ''} |`);
    out.push('', `${db.rows.length - open.length} of ${db.rows.length} version${db.rows.length === 1 ? '' : 's'} done everywhere${open.length ? '; the others:' : '.'}`);
    if (open.length > 0) {
      out.push('', `| Version | File | ${db.columns.map((c) => cell(c.id)).join(' | ')} |`, `|---|---|${db.columns.map(() => '---').join('|')}|`);
      for (const r of open.slice(0, 200)) out.push(`| ${cell(r.version)} | \`${cell(r.path || '(no file)')}\` | ${r.cells.map(stateText).join(' | ')} |`);
      if (open.length > 200) out.push('', `… and ${open.length - 200} more versions (see the HTML report).`);
    }
  }
  out.push('', '### Open failures', '');
  const { unreadable } = openProblems(data);
  if (data.failures.length === 0) out.push(unreadable ? `None on the targets that could be read; ${unreadable} target${unreadable === 1 ? '' : 's'} could not be read, so what stands there is unknown.` : 'None.');
  for (const f of data.failures) {
    out.push(`- ${STATE_LABEL[f.state].symbol} **${f.version || '(no version)'}**${f.path ? ` \`${f.path}\`` : ''} on ${f.targets.length === 1 ? `\`${f.targets[0]}\`` : `${f.targets.length} targets of ${f.environment}/${f.database}`}${f.error ? `: ${cell(f.error)}` : ''}`);
    if (f.statement) out.push(`  - statement ${f.statement.number} of ${f.statement.total}${f.statement.line ? ` (line ${f.statement.line})` : ''}${f.statement.text ? `: \`${cell(f.statement.text.replace(/\s+/g, ' ').slice(0, 200))}\`` : ''}`);
    out.push(`  - ${f.hint}`, `  - \`${f.command}\``);
  }
  out.push('', '### Timeline');
  for (const t of data.timeline) {
    out.push('', `**${t.environment}**: ${t.entries.length + t.more} change${t.entries.length + t.more === 1 ? '' : 's'} recorded${t.entries.length > 20 ? ' (latest 20)' : ''}`);
    if (t.entries.length === 0) continue;
    out.push('', '| When | Target | Version | Status | Duration | By |', '|---|---|---|---|---|---|');
    for (const e of t.entries.slice(0, 20)) out.push(`| ${appliedAt(e)} | \`${cell(e.target)}\`${e.members ? ` (${e.members})` : ''} | ${cell(e.version)} ${cell(e.name)} | ${STATE_LABEL[e.state].label} | ${e.durationMs !== undefined ? duration(e.durationMs) : ''} | ${cell(e.by)} |`);
  }
  out.push('', '### Lint of pending files', '');
  if (data.lint.status === 'skipped') out.push(`Skipped: ${data.lint.reason}.`);
  else if (data.lint.files.length === 0) out.push('No pending files.');
  else {
    out.push(`${data.lint.files.length} pending file${data.lint.files.length === 1 ? '' : 's'}: ${data.lint.errors} error${data.lint.errors === 1 ? '' : 's'}, ${data.lint.warnings} warning${data.lint.warnings === 1 ? '' : 's'}.`, '');
    for (const f of data.lint.files) for (const x of f.findings) out.push(`- ${x.level === 'error' ? '❌' : '⚠️'} \`${f.path}:${x.line}:${x.column}\` \`${x.ruleId}\` ${cell(x.message)}`);
  }
  if (data.notes.length) out.push('', '### Notes', '', ...data.notes.map((n) => `- ${cell(n)}`));
  return `${out.join('\n')}\n`;
}

function stateText(c: ReportCell): string {
  if (!c.counts) return `${STATE_LABEL[c.state].symbol} ${STATE_LABEL[c.state].label}`;
  return SEVERITY.filter((s) => c.counts![s]).map((s) => `${STATE_LABEL[s].symbol}${c.counts![s]}`).join(' ');
}

function counts(c: StateCounts): string {
  return SEVERITY.filter((s) => c[s]).map((s) => `${STATE_LABEL[s].symbol} ${c[s]} ${STATE_LABEL[s].label}`).join(', ') || '—';
}

function cell(s: string): string {
  return s.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
