import type { ReviewOutput } from '../../cli/commands/review.js';
import { driftedCount } from '../../review/markdown.js';
import { someOf } from '../../util/some-of.js';
import { palette, table } from '../color.js';

/** `bb review` for a terminal: files, edited-after-apply errors, findings, plan per environment, closing count. */
export function renderReview(data: ReviewOutput, options: { color: boolean; quiet: boolean }): string {
  const c = palette(options.color);
  const r = data.review;
  const out: string[] = [c.gray(`Compared with ${r.base.ref} (merge base ${r.base.mergeBase.slice(0, 10)}, from ${r.base.source}).`)];
  if (r.files.length === 0) out.push('This change adds, edits or removes no migration file.');
  for (const f of r.files) {
    const bad = f.problem || f.findings.some((x) => x.level === 'error');
    const mark = bad ? c.red('✗') : f.findings.length > 0 ? c.yellow('!') : c.green('✓');
    const change = f.status === 'deleted' ? 'removed' : f.status === 'added' ? 'new' : 'edited';
    const tx = f.status === 'deleted' ? '' : f.transactional ? '' : c.yellow(` · no transaction: ${f.noTransactionReason ?? ''}`);
    out.push(`${mark} ${c.bold(f.path)} ${c.gray(`(${f.database}, ${change}${f.statements !== undefined ? `, ${f.statements} statement${f.statements === 1 ? '' : 's'}` : ''})`)}${tx}`);
    if (f.problem) out.push(`  ${c.red('error')} ${f.problem.message}`, `  ${c.gray('hint:')} ${f.problem.hint}`);
    for (const x of f.findings) {
      const level = x.level === 'error' ? c.red('error  ') : c.yellow('warning');
      out.push(`  ${x.span.line}:${x.span.column}  ${level}  ${x.message}  ${c.gray(x.ruleId)}${x.environments.length > 0 && x.environments.length < r.plans.length ? c.gray(` (${x.environments.join(', ')})`) : ''}`);
    }
  }
  if (!options.quiet && r.files.length > 0) {
    for (const env of r.plans) {
      out.push('', c.bold(`Plan for ${env.environment}${env.protected ? ' (protected)' : ''}`));
      const rows = env.targets.map((t) => {
        const name = t.members ? `${t.target} (${t.members.length}: ${someOf(t.members, 3)})` : t.target;
        if (t.error) return [name, c.yellow(`not reachable: ${t.error.message}`)];
        const steps = t.steps.length === 0 ? c.gray('up to date') : t.steps.map((s) => (s.inChange ? c.bold(s.version) : s.version) + (s.transactional ? '' : c.yellow('*'))).join(' ');
        const blocked = t.blockers.length > 0 ? c.red(`  blocked: ${t.blockers.map((b) => (b.kind === 'drift' ? 'schema drift' : `${b.kind} ${b.version}`)).join(', ')}`) : '';
        return [name, steps + blocked];
      });
      out.push(table(rows));
      for (const b of env.targets.flatMap((t) => t.blockers.filter((x) => x.kind === 'drift'))) out.push(`  ${c.red('error')} ${b.message}`, `  ${c.gray('hint:')} ${b.hint}`);
    }
    if (r.plans.some((e) => e.targets.some((t) => t.steps.some((s) => !s.transactional)))) out.push(c.gray('* runs without a transaction'));
    if (r.schemaDiff.status === 'skipped') out.push('', c.gray(`Schema diff: skipped (${r.schemaDiff.reason}).`));
    else {
      for (const d of r.schemaDiff.files) {
        if (d.stale) out.push('', c.yellow(`Schema diff: ${d.path} is committed but not updated by this change (bb dump --replay --db ${d.database}).`));
        else out.push('', c.bold(`Schema diff (${d.path})`), d.diff.trimEnd().split('\n').map((l) => (l.startsWith('+') && !l.startsWith('+++') ? c.green(l) : l.startsWith('-') && !l.startsWith('---') ? c.red(l) : l)).join('\n'));
      }
    }
  }
  for (const u of r.unreachable) out.push(c.yellow(`! ${u.target}: history not readable (${u.message}); checks there are incomplete.`));
  if (data.posted) out.push(c.gray(`${data.posted.action === 'created' ? 'Posted' : 'Updated'} the review comment on ${data.posted.where}${data.posted.url ? ` (${data.posted.url})` : ''}.`));
  const s = r.summary;
  const closing = `${s.editedApplied ? `${s.editedApplied} edited after apply, ` : ''}${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'} in ${s.files} migration file${s.files === 1 ? '' : 's'}${s.drifted ? `; ${driftedCount(s.drifted)}` : ''}`;
  out.push('', s.errors > 0 || s.editedApplied > 0 || s.drifted > 0 ? c.red(c.bold(closing)) : c.green(closing));
  return out.join('\n');
}
