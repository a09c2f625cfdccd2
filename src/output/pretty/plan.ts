import type { PlanReport, TargetPlanReport } from '../../plan/report.js';
import { palette, type Palette } from '../color.js';

/** `bb plan`: per target, the steps that would run, then blockers with their fixes. */
export function renderPlan(report: PlanReport, options: { color: boolean }): string {
  const c = palette(options.color);
  const out: string[] = [c.bold(`Plan for ${report.environment}${report.protected ? ' (protected)' : ''}`)];
  for (const t of report.targets) out.push(renderTargetPlan(t, c));
  return out.join('\n\n');
}

export function renderTargetPlan(t: TargetPlanReport, c: Palette): string {
  const body = renderTargetBody(t, c);
  return t.countedFailed ? `${body}\n  ${c.red('counted failed')} (onError: continue): the other members go ahead without it` : body;
}

function renderTargetBody(t: TargetPlanReport, c: Palette): string {
  const lines: string[] = [];
  const head = `${c.bold(t.target.id)} ${c.gray(t.target.url)}`;
  if (t.error) return `${head}\n  ${c.red('error:')} ${t.error.message}${t.error.hint ? `\n  ${c.gray('hint:')} ${t.error.hint}` : ''}`;
  const at = t.current ? `at ${t.current}` : 'empty';
  if (t.steps.length === 0 && t.blockers.length === 0) return `${head}\n  up to date (${at}, ${t.applied} applied)`;
  lines.push(`${head}\n  ${at}; ${t.steps.length} to apply`);
  for (const s of t.steps) {
    const action = s.action === 'apply' ? '' : ` (${s.action}${s.action === 'resume' ? ` from statement ${s.fromStatement + 1}` : ''})`;
    const tx = s.transactional ? '' : c.yellow(` no transaction: ${s.noTransactionReason}`);
    lines.push(`  ${c.green('+')} ${s.path}${action} ${c.gray(`${s.statements} statement${s.statements === 1 ? '' : 's'}`)}${tx}`);
  }
  for (const w of t.warnings ?? []) lines.push(`  ${c.yellow('!')} ${w.path}:${w.line}: ${w.message}`);
  for (const b of t.blockers) lines.push(`  ${c.red('✗')} ${b.message}\n    ${c.gray('hint:')} ${b.hint}`);
  return lines.join('\n');
}
