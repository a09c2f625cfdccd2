/**
 * Turns a command's data into output: JSON for --format json, else the command's pretty renderer.
 * Only this layer (and print.ts) writes to stdout.
 */
import type { CommandOutput, GlobalOptions } from '../cli/context.js';
import { writeOut } from './print.js';

type Renderer = (data: never, options: { color: boolean; quiet: boolean }) => Promise<string> | string;

const PRETTY: Record<string, () => Promise<Renderer>> = {
  plan: async () => (await import('./pretty/plan.js')).renderPlan,
  run: async () => (await import('./pretty/run.js')).renderRun,
  status: async () => (await import('./pretty/status.js')).renderStatus,
  history: async () => (await import('./pretty/history.js')).renderHistory,
  doctor: async () => (await import('./pretty/doctor.js')).renderDoctor,
  message: async () => (data: { text: string }) => data.text,
  rollback: async () => (await import('./pretty/history-commands.js')).renderRollback,
  'rollback-data': async () => (await import('./pretty/history-commands.js')).renderDataRollback,
  repair: async () => (await import('./pretty/history-commands.js')).renderRepair,
  unlock: async () => (await import('./pretty/history-commands.js')).renderUnlock,
  baseline: async () => (await import('./pretty/history-commands.js')).renderBaseline,
  drift: async () => (await import('./pretty/drift.js')).renderDrift,
  dump: async () => (await import('./pretty/dump.js')).renderDump,
  diff: async () => (await import('./pretty/dump.js')).renderDiff,
  review: async () => (await import('./pretty/review.js')).renderReview,
  rollout: async () => (await import('./pretty/rollout.js')).renderRollout,
  report: async () => (await import('./pretty/report.js')).renderReportNotice,
  backup: async () => (await import('./pretty/backup.js')).renderBackup,
  backups: async () => (await import('./pretty/backup.js')).renderBackups,
  restore: async () => (await import('./pretty/backup.js')).renderRestore,
};

/** --format markdown (review, report), --format html and json (report): the documents themselves. */
const DOCUMENT: Record<string, Partial<Record<string, () => Promise<Renderer>>>> = {
  markdown: {
    review: async () => { const { reviewMarkdown } = await import('../review/markdown.js'); return (d: { review: never }) => reviewMarkdown(d.review); },
    report: async () => (await import('./pretty/report.js')).renderReportDocument,
  },
  html: { report: async () => (await import('./pretty/report.js')).renderReportDocument },
  // Only so that `bb report --format json --out FILE` says where it wrote, as markdown and html do.
  json: { report: async () => (await import('./pretty/report.js')).renderReportDocument },
};

export async function render(output: CommandOutput, globals: GlobalOptions): Promise<void> {
  if (output.kind === 'streamed') return; // bb query wrote its rows while it ran (src/output/pretty/query.ts)
  if (output.kind === 'lint' || output.kind === 'rules') return writeOut(await (await import('./findings/index.js')).renderLintOutput(output.kind, output.data, globals.format, globals));
  const document = DOCUMENT[globals.format]?.[output.kind];
  if (globals.format === 'json' && !document) {
    writeOut(JSON.stringify(output.data, jsonReplacer, 2));
    return;
  }
  const load = document ?? PRETTY[output.kind];
  if (!load) {
    writeOut(JSON.stringify(output.data, jsonReplacer, 2));
    return;
  }
  const text = await (await load())(output.data as never, { color: globals.color, quiet: globals.quiet });
  if (text !== '') writeOut(text);
}

/** bigint → string, Map → object; drops file bodies (sql) from JSON output to keep it readable. */
export function jsonReplacer(key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Map) return Object.fromEntries(value);
  if (key === 'sql' && typeof value === 'string') return undefined;
  return value;
}
