import type { BackupManifest, BackupReport, RestoreReport, UnfinishedBackup, UnreadableManifest } from '../../backup/backup.js';

const size = (n: number): string => (n >= 1 << 30 ? `${(n / (1 << 30)).toFixed(1)} GiB` : n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${n} B`);
const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export function renderBackup(report: BackupReport): string {
  const lines = report.backups.map((m) => `✓ ${m.target.id}: ${m.file} (${size(m.size)}, ${secs(m.durationMs)}, version ${m.version ?? 'none'}, ${m.tool})`);
  // A connection error already starts with the target's id: said once.
  for (const e of report.errors) lines.push(`✗ ${e.target}: ${e.message.startsWith(`${e.target}: `) ? e.message.slice(e.target.length + 2) : e.message}${e.hint ? `\n  hint: ${e.hint}` : ''}`);
  lines.push(`${report.backups.length} backup${report.backups.length === 1 ? '' : 's'} in ${report.dir}${report.errors.length ? `, ${report.errors.length} failed` : ''}`);
  return lines.join('\n');
}

export function renderBackups(data: { dir: string; backups: readonly BackupManifest[]; unreadable?: readonly UnreadableManifest[]; unfinished?: readonly UnfinishedBackup[] }): string {
  const unfinished = (data.unfinished ?? []).map((u) => `! Unfinished backup ${u.file} (${size(u.size)}): a bb backup stopped before it completed, or one still running; delete it once no bb backup is running.`);
  const warnings = (data.unreadable ?? []).map((u) => `! ${u.message}`);
  if (data.backups.length === 0) return [`No backups in ${data.dir}.`, ...warnings, ...unfinished].join('\n');
  const rows = data.backups.map((m) => [m.id, m.target.id, m.version ?? '-', size(m.size), m.createdAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'), m.engine]);
  const head = ['BACKUP', 'TARGET', 'VERSION', 'SIZE', 'CREATED', 'ENGINE'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: readonly string[]): string => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const skipped = warnings.length ? `; ${warnings.length} manifest${warnings.length === 1 ? '' : 's'} could not be read` : '';
  return [line(head), ...rows.map(line), ...warnings, ...unfinished, `(${data.backups.length} in ${data.dir}${skipped})`].join('\n');
}

export function renderRestore(r: RestoreReport): string {
  const where = r.replaced ? `over ${r.target}` : `into the new database ${r.database} (${r.url})`;
  const version = r.manifestVersion || r.restoredVersion ? `; version ${r.restoredVersion ?? 'none'} (manifest: ${r.manifestVersion ?? 'none'})` : '';
  const line = `✓ restored ${r.backup} ${where} in ${secs(r.durationMs)}${version}`;
  // The manifest's version is read beside the dump, not inside its snapshot: a migration that ran
  // during the backup (or a history edited by hand) makes the two differ, and bb status follows the restored one.
  if (r.manifestVersion === r.restoredVersion) return line;
  return `${line}\n! The restored history is at ${r.restoredVersion ?? 'no version'}, not at the manifest's ${r.manifestVersion ?? 'none'}: a migration ran while the backup was taken, or the history was changed by hand. bb status shows the restored version; bb plan shows what would run on it.`;
}
