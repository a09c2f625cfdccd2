/**
 * Renders `bb lint` and `bb rules` output. src/output/render.ts dispatches the command kinds 'lint' and
 * 'rules' here; every formatter reads the same plain records (LintReport).
 */
import type { LintReport } from '../../lint/project.js';
import type { RulesListing } from '../../cli/commands/rules.js';

export type FindingsFormat = 'pretty' | 'json' | 'sarif' | 'github' | 'junit' | 'gitlab';

export async function renderFindings(
  report: LintReport & { readonly sources?: ReadonlyMap<string, string> },
  format: string,
  options: { color: boolean; quiet: boolean },
): Promise<string> {
  switch (format) {
    case 'json': return (await import('./json.js')).renderJson(report);
    case 'sarif': return (await import('./sarif.js')).renderSarif(report);
    case 'github': return (await import('./github.js')).renderGithub(report);
    case 'junit': return (await import('./junit.js')).renderJunit(report);
    case 'gitlab': return (await import('./gitlab.js')).renderGitlab(report);
    default: {
      const sources = report.sources instanceof Map ? report.sources : undefined;
      return (await import('./pretty.js')).renderPretty(report, { ...options, ...(sources ? { sources } : {}) });
    }
  }
}

export async function renderRules(listing: RulesListing, format: string, options: { color: boolean }): Promise<string> {
  return (await import('./rules.js')).renderRulesListing(listing, format, options);
}

/** The one-line dispatch target of src/output/render.ts. */
export async function renderLintOutput(kind: string, data: unknown, format: string, options: { color: boolean; quiet: boolean }): Promise<string> {
  if (kind === 'rules') return renderRules(data as RulesListing, format, options);
  return renderFindings(data as LintReport, format, options);
}
