/**
 * SARIF 2.1.0 (GitHub code scanning): one run, the rules that ran or reported as tool.driver.rules, the
 * notes and notices as its invocation's toolExecutionNotifications.
 */
import type { LintReport } from '../../lint/project.js';
import { BB_VERSION } from '../../version.js';

/**
 * A project path (posix separators) as an RFC 3986 relative reference: each segment percent-encoded as
 * UTF-8 (a space, `#`, `?`, `%`, `:` and non-ASCII would otherwise make an invalid URI, or one that a
 * consumer cuts at `#`), the `/` between segments kept.
 */
export function artifactUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

export function toSarif(report: LintReport): Record<string, unknown> {
  const index = new Map(report.rules.map((r, i) => [r.id, i]));
  const notifications = [
    ...report.notices.map((text) => ({ level: 'warning', message: { text } })),
    ...report.notes.map((text) => ({ level: 'note', message: { text } })),
  ];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'bb',
          version: BB_VERSION,
          rules: report.rules.map((r) => ({
            id: r.id,
            name: r.id.replace(/(^|[.-])([a-z])/g, (_m, _s, ch: string) => ch.toUpperCase()),
            shortDescription: { text: r.description },
            fullDescription: { text: r.description },
            help: { text: `${r.description}. See ${r.docsUrl}.` },
            defaultConfiguration: { level: r.defaultLevel === 'error' ? 'error' : r.defaultLevel === 'off' ? 'none' : 'warning' },
            properties: { category: r.category, tags: [r.category] },
          })),
        },
      },
      results: report.files.flatMap((f) => f.findings.map((x) => ({
        ruleId: x.ruleId,
        ...(index.has(x.ruleId) ? { ruleIndex: index.get(x.ruleId) } : {}),
        level: x.level === 'error' ? 'error' : 'warning',
        message: { text: x.help ? `${x.message}. ${x.help}` : x.message },
        locations: [{
          physicalLocation: {
            // Relative to the repository's root (src/cli/commands/lint.ts), which %SRCROOT% names, as GitHub code scanning expects.
            artifactLocation: { uri: artifactUri(x.file), uriBaseId: '%SRCROOT%' },
            region: { startLine: x.span.line, startColumn: x.span.column, endLine: x.span.endLine, endColumn: x.span.endColumn + 1 },
          },
        }],
      }))),
      // The notes bb prints beside the findings: "warning" where the command line was not taken as
      // written (a skipped file, an --engine that did not apply), "note" about the run (a history not read).
      invocations: [{
        executionSuccessful: true,
        ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
      }],
      columnKind: 'utf16CodeUnits',
    }],
  };
}

export function renderSarif(report: LintReport): string {
  return JSON.stringify(toSarif(report), null, 2);
}
