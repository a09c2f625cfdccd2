/**
 * A review as GitHub/GitLab-flavoured markdown: the pull-request comment and the job summary. The
 * first line is a hidden marker, so a later run finds its own comment and updates it in place.
 */
import type { ReviewFile, ReviewReport, ReviewTargetPlan } from './review.js';
import { someOf } from '../util/some-of.js';

/** Hidden in rendered markdown; how `--post` finds the comment it wrote before. */
export const REVIEW_MARKER = '<!-- bb:review -->';

export function reviewMarkdown(report: ReviewReport): string {
  const out: string[] = [REVIEW_MARKER];
  const { summary } = report;
  const ok = summary.errors === 0 && summary.editedApplied === 0 && summary.drifted === 0;
  const counts = [
    summary.editedApplied ? `${summary.editedApplied} edited after apply` : '',
    `${summary.errors} error${summary.errors === 1 ? '' : 's'}`,
    `${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}`,
  ].filter(Boolean).join(', ');
  out.push(`## ${ok ? '✅' : '❌'} bb review: ${counts} in ${summary.files} migration file${summary.files === 1 ? '' : 's'}${summary.drifted ? `; ${driftedCount(summary.drifted)}` : ''}`);
  out.push(`Compared with \`${md(report.base.ref)}\` (merge base \`${report.base.mergeBase.slice(0, 10)}\`, from ${report.base.source}).`);
  if (report.files.length === 0) {
    out.push('', 'This change adds, edits or removes no migration file.');
  } else {
    out.push('', '### Files', '', '| | File | Database | Change | Statements | Transaction |', '|---|---|---|---|---|---|');
    for (const f of report.files) {
      const icon = f.problem || f.findings.some((x) => x.level === 'error') ? '❌' : f.findings.length > 0 ? '⚠️' : '✅';
      const tx = f.status === 'deleted' ? '' : f.transactional ? 'yes' : `**no**: ${cell(f.noTransactionReason ?? '')}`;
      out.push(`| ${icon} | \`${cell(f.path)}\` | ${cell(f.database)} | ${changeLabel(f)} | ${f.statements ?? ''} | ${tx} |`);
    }
  }
  const problems = report.files.filter((f) => f.problem);
  if (problems.length > 0) {
    out.push('', '### Edited after it was applied');
    for (const f of problems) out.push(`- ❌ ${md(f.problem!.message)}  `, `  ${md(f.problem!.hint)}`);
  }
  const linted = report.files.filter((f) => f.findings.length > 0);
  if (linted.length > 0) {
    out.push('', '### Lint');
    const allEnvs = report.plans.map((p) => p.environment);
    for (const f of linted) {
      out.push('', `#### \`${md(f.path)}\``, '', '| Level | Rule | Line | Message | Environments |', '|---|---|---|---|---|');
      for (const x of f.findings) {
        const envs = x.environments.length === 0 || sameSet(x.environments, allEnvs) ? 'all' : x.environments.join(', ');
        out.push(`| ${x.level === 'error' ? '❌ error' : '⚠️ warning'} | \`${cell(x.ruleId)}\` | ${x.span.line}:${x.span.column} | ${cell(x.message)}${x.help ? `<br><sub>${cell(x.help)}</sub>` : ''} | ${cell(envs)} |`);
      }
    }
  } else if (report.files.some((f) => f.status !== 'deleted')) {
    out.push('', '### Lint', '', 'No findings.');
  }
  if (report.plans.length > 0 && report.files.length > 0) {
    out.push('', '### Plan', '', 'What `bb migrate` would run on each environment now (the promotion gate applies them environment by environment; **bold** = in this change).');
    for (const env of report.plans) {
      out.push('', `#### ${md(env.environment)}${env.protected ? ' (protected)' : ''}`, '', '| Target | Would run | Not in a transaction | Blocked by |', '|---|---|---|---|');
      for (const t of env.targets) out.push(planRow(t));
    }
    // Drift has no version of its own to name in the table: what bb migrate would say, and what to do.
    const drift = report.plans.flatMap((e) => e.targets.flatMap((t) => t.blockers.filter((b) => b.kind === 'drift')));
    if (drift.length > 0) {
      out.push('', 'Schema drift (the environment has `drift: fail`, so `bb migrate` refuses these targets):');
      for (const b of drift) out.push(`- ❌ ${md(b.message)}  `, `  ${md(b.hint)}`);
    }
  }
  out.push('', '### Schema diff', '');
  if (report.schemaDiff.status === 'skipped') out.push(`_Skipped: ${md(report.schemaDiff.reason)}._`);
  else {
    for (const d of report.schemaDiff.files) {
      if (d.stale) out.push(`⚠️ \`${md(d.path)}\` is committed but this change does not update it: run \`bb dump --replay --db ${md(d.database)}\` and commit the result.`, '');
      else out.push(`\`${md(d.path)}\``, '', '```diff', d.diff.trimEnd().replace(/```/g, "'''"), '```', '');
    }
  }
  if (report.unreachable.length > 0) {
    out.push('', '### Not reachable', '', 'These histories could not be read, so the checks above are incomplete there:');
    for (const u of report.unreachable) out.push(`- \`${md(u.target)}\`: ${md(u.message)}`);
  }
  if (report.otherFiles.length > 0) out.push('', `<sub>Other changed files in migration folders (not checked): ${report.otherFiles.map((p) => `\`${md(p)}\``).join(', ')}</sub>`);
  return `${out.join('\n')}\n`;
}

/** "1 drifted target" (drift: fail makes bb migrate refuse them): the headline's and the count line's words. */
export function driftedCount(n: number): string {
  return `${n} drifted target${n === 1 ? '' : 's'}`;
}

function changeLabel(f: ReviewFile): string {
  if (f.status === 'deleted') return f.problem ? '**removed after apply**' : 'removed';
  if (f.problem) return `**edited**, applied on ${cell(f.appliedEnvironments.join(', '))}`;
  return f.status === 'added' ? 'new' : 'edited (not applied anywhere)';
}

function planRow(t: ReviewTargetPlan): string {
  const target = t.members ? `\`${cell(t.target)}\` (${t.members.length} member${t.members.length === 1 ? '' : 's'}: ${cell(someOf(t.members, 3))})` : `\`${cell(t.target)}\``;
  if (t.error) return `| ${target} | ⚠️ not reachable: ${cell(t.error.message)} | | |`;
  const steps = t.steps.length === 0 ? 'nothing (up to date)' : stepList(t.steps.map((s) => (s.inChange ? `**${s.version}**` : s.version)));
  const noTx = t.steps.filter((s) => !s.transactional).map((s) => `${s.version}: ${s.noTransactionReason ?? 'no transaction'}`);
  const blockers = t.blockers.map((b) => (b.kind === 'drift' ? 'schema drift' : `${b.kind} ${b.version}`));
  return `| ${target} | ${steps} | ${cell(noTx.join('; '))} | ${cell(blockers.join('; '))} |`;
}

/** At most 12 versions; the middle of a long list collapses into a count. */
function stepList(items: readonly string[]): string {
  if (items.length <= 12) return items.join(', ');
  return `${items.slice(0, 5).join(', ')}, … ${items.length - 10} more …, ${items.slice(-5).join(', ')}`;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Text inside a table cell: no line breaks, escaped pipes. */
function cell(text: string): string {
  return md(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Keeps user text from opening HTML tags in the rendered comment. */
function md(text: string): string {
  return text.replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
