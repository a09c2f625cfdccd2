import type { DoctorReport } from '../../cli/commands/doctor.js';
import { palette } from '../color.js';

export function renderDoctor(report: DoctorReport, options: { color: boolean }): string {
  const c = palette(options.color);
  const lines = report.checks.map((k) => `${k.ok ? c.green('✓') : c.red('✗')} ${c.bold(k.check)}: ${k.detail}${k.hint ? `\n    ${c.gray('hint:')} ${k.hint}` : ''}`);
  const bad = report.checks.filter((k) => !k.ok).length;
  lines.push(bad === 0 ? c.green('All checks passed.') : c.red(`${bad} check${bad === 1 ? '' : 's'} failed.`));
  return lines.join('\n');
}
