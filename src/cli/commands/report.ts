import { relative, resolve } from 'node:path';
import type { CommandContext, CommandOutput, GlobalOptions } from '../context.js';
import { openConfig } from '../../config/load.js';
import type { ReportData } from '../../report/model.js';
import { writeOutput } from '../../util/make-dir.js';

export interface ReportOptions extends GlobalOptions {
  /** Where to write the document; default report.html (pretty); markdown, html and json go to stdout without it. */
  readonly out?: string;
  readonly db?: string;
  /** commander's --no-lint sets this to false. */
  readonly lint?: boolean;
  /** commander's --no-drift sets this to false: no schema introspection. */
  readonly drift?: boolean;
}

export interface ReportOutput {
  readonly report: ReportData;
  readonly format: 'html' | 'markdown' | 'json';
  /** The file written (project-relative when inside the current folder), or undefined when the document goes to stdout. */
  readonly out?: string;
  readonly bytes?: number;
}

/**
 * `bb report`: where every version stands on every environment and target, as one self-contained
 * HTML file (default report.html), or markdown for a CI job summary, or JSON; `--out` writes any of them
 * to a file (`--format pretty`, the default, writes the HTML there and prints a one-line summary). Reads histories and (unless
 * --no-drift) each target's live schema against its last snapshot; never writes to a database. Exit 0 even when the report shows failures: it is a view, not a gate.
 */
export default async function report(options: ReportOptions, context: CommandContext): Promise<CommandOutput> {
  const config = await openConfig(options, context.cwd);
  const { collect } = await import('../../report/collect.js');
  const data = await collect(config, { ...(options.db ? { db: options.db } : {}), ...(options.env ? { env: options.env } : {}), lint: options.lint !== false, drift: options.drift !== false, signal: context.signal });
  const format = options.format === 'markdown' ? 'markdown' : options.format === 'json' ? 'json' : 'html';
  const outPath = options.out ?? (options.format === 'pretty' ? 'report.html' : undefined);
  if (outPath === undefined) {
    return { kind: 'report', data: { report: data, format } satisfies ReportOutput, exitCode: 0 };
  }
  const text = format === 'markdown' ? (await import('../../report/markdown.js')).reportMarkdown(data)
    : format === 'json' ? (await import('../../report/model.js')).reportJson(data)
    : (await import('../../report/html.js')).reportHtml(data);
  const abs = resolve(context.cwd, outPath);
  await writeOutput(abs, text, '--out path');
  const shown = relative(context.cwd, abs);
  return { kind: 'report', data: { report: data, format, out: shown.startsWith('..') ? abs : shown, bytes: Buffer.byteLength(text) } satisfies ReportOutput, exitCode: 0 };
}
