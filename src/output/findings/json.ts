/** Machine output: every finding as a flat record, plus the counts, the notes about the run and the notices about the command line. Stable field names. */
import type { LintReport } from '../../lint/project.js';

export function renderJson(report: LintReport): string {
  return JSON.stringify({
    findings: report.files.flatMap((f) => f.findings.map((x) => ({
      file: x.file, line: x.span.line, column: x.span.column, endLine: x.span.endLine, endColumn: x.span.endColumn,
      level: x.level, ruleId: x.ruleId, message: x.message, ...(x.help ? { help: x.help } : {}), docsUrl: x.docsUrl,
    }))),
    files: report.files.map((f) => ({ path: f.path, engine: f.engine, ...(f.database ? { database: f.database } : {}), statements: f.statements, findings: f.findings.length })),
    counts: report.counts,
    skipped: report.skipped,
    notes: report.notes,
    notices: report.notices,
  }, null, 2);
}
