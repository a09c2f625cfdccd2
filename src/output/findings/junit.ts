/**
 * JUnit XML: one testsuite per file, one testcase per statement-level finding (failure) or a passing case
 * per clean file; the notices and notes, when there are some, as the <system-out> of a last testsuite
 * "bb lint" of no tests.
 */
import type { LintReport } from '../../lint/project.js';

const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
  // XML 1.0 forbids most control characters.
  // eslint-disable-next-line no-control-regex
  .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');

export function renderJunit(report: LintReport): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const total = report.files.reduce((n, f) => n + Math.max(1, f.findings.length), 0);
  const failures = report.counts.errors + report.counts.warnings;
  out.push(`<testsuites name="bb lint" tests="${total}" failures="${failures}" errors="0">`);
  for (const f of report.files) {
    out.push(`  <testsuite name="${xml(f.path)}" tests="${Math.max(1, f.findings.length)}" failures="${f.findings.length}" errors="0">`);
    if (f.findings.length === 0) out.push(`    <testcase classname="${xml(f.path)}" name="${xml(f.path)}" file="${xml(f.path)}"/>`);
    for (const x of f.findings) {
      const where = `${x.file}:${x.span.line}:${x.span.column}`;
      out.push(`    <testcase classname="${xml(f.path)}" name="${xml(`${x.ruleId} ${where}`)}" file="${xml(x.file)}" line="${x.span.line}">`);
      out.push(`      <failure type="${x.level}" message="${xml(x.message)}">${xml(`${where} ${x.level} [${x.ruleId}] ${x.message}${x.help ? `\nhint: ${x.help}` : ''}\n${x.docsUrl}`)}</failure>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  // JUnit has no place for a run's messages outside a testsuite: a suite of no tests holds them as its output.
  const notes = [...report.notices.map((n) => `warning: ${n}`), ...report.notes.map((n) => `note: ${n}`)];
  if (notes.length > 0) {
    out.push('  <testsuite name="bb lint" tests="0" failures="0" errors="0">');
    out.push(`    <system-out>${xml(notes.join('\n'))}</system-out>`);
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n');
}
