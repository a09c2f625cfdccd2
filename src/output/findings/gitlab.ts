/**
 * GitLab Code Quality report (a JSON array of issues, CodeClimate-style). Every issue needs a file and a
 * line, so the notes and notices have no place here: src/cli/commands/lint.ts prints them on stderr.
 */
import { createHash } from 'node:crypto';
import type { LintReport } from '../../lint/project.js';

export function renderGitlab(report: LintReport): string {
  const issues = report.files.flatMap((f) => f.findings.map((x) => ({
    description: `[${x.ruleId}] ${x.message}`,
    check_name: x.ruleId,
    // Stable across runs for the same finding at the same place: GitLab tracks issues by it.
    fingerprint: createHash('sha256').update(`${x.file}\u0000${x.ruleId}\u0000${x.span.line}\u0000${x.span.column}\u0000${x.message}`).digest('hex'),
    severity: x.level === 'error' ? 'major' : 'minor',
    location: { path: x.file, lines: { begin: x.span.line, end: x.span.endLine } },
    categories: [x.category === 'naming' ? 'Style' : 'Bug Risk'],
  })));
  return JSON.stringify(issues, null, 2);
}
