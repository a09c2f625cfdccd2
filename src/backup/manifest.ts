/**
 * A backup's manifest (`<id>.manifest.json`) as data, and the one place it is read and checked: every
 * reader (bb backups, bb restore) gets a manifest whose keys have the types below, or a BbError that
 * names the manifest file and the key. A manifest is a file anyone can edit or truncate; its `file`
 * is joined to the backups folder, so it must be a plain file name.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { BbError, causeMessage } from '../errors.js';

export const MANIFEST_FORMAT = 'bb-backup/1';

export interface BackupManifest {
  readonly format: typeof MANIFEST_FORMAT;
  /** File name stem shared by the backup and its manifest: <env>-<db>[-member]-<UTC stamp>. */
  readonly id: string;
  readonly engine: string;
  readonly serverVersion: string;
  readonly tool: string;
  readonly target: { readonly id: string; readonly environment: string; readonly database: string; readonly member?: string; readonly url: string };
  /** Latest version bb's history records as applied, when any. */
  readonly version?: string;
  /** The backup file's name: a plain file name, in the manifest's folder. */
  readonly file: string;
  /** Bytes, a non-negative integer. */
  readonly size: number;
  /** 64 lowercase hex digits. */
  readonly sha256: string;
  readonly durationMs: number;
  readonly createdAt: string;
  readonly by: string;
}

const HINT = 'bb backup writes the manifest beside the backup file: restore another backup (bb backups lists them), or put back the manifest as bb wrote it.';

const invalid = (path: string, what: string): BbError => new BbError('usage', `Backup manifest ${path} is invalid: ${what}.`, { hint: HINT, code: 'backup.manifest-invalid' });

type Check = (value: unknown) => boolean;
const text: Check = (v) => typeof v === 'string' && v !== '';
const optionalText: Check = (v) => v === undefined || text(v);
const count: Check = (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const sha256: Check = (v) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
const date: Check = (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v));
/** Not a path: joined to the backups folder, "../x" or "/etc/x" would reach outside it. */
const fileName: Check = (v) => typeof v === 'string' && v !== '' && v !== '.' && v !== '..' && basename(v) === v && !/[/\\\0]/.test(v);

const KEYS: readonly (readonly [string, Check, string])[] = [
  ['id', text, 'a string'],
  ['engine', text, 'a string'],
  ['serverVersion', text, 'a string'],
  ['tool', text, 'a string'],
  ['version', optionalText, 'a string when present'],
  ['file', fileName, 'a file name in the manifest\'s folder (no path)'],
  ['size', count, 'a number of bytes'],
  ['sha256', sha256, '64 hex digits'],
  ['durationMs', count, 'a number of milliseconds'],
  ['createdAt', date, 'an ISO date'],
  ['by', text, 'a string'],
];
const TARGET_KEYS: readonly (readonly [string, Check])[] = [['id', text], ['environment', text], ['database', text], ['member', optionalText], ['url', text]];

/**
 * The manifest in `content` (read from `path`, which errors name), checked: invalid JSON (with
 * the parser's position), another format, or a key missing or of the wrong type is a usage error
 * `backup.manifest-invalid` (`backup.manifest-format` for a JSON file that is no bb manifest).
 */
export function parseManifest(content: string, path: string): BackupManifest {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (error) {
    throw invalid(path, `not valid JSON (${causeMessage(error)})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(path, 'not a JSON object');
  const m = value as Record<string, unknown>;
  const describe = (v: unknown): string => (v === undefined ? 'missing' : JSON.stringify(v).slice(0, 40));
  if (m.format !== MANIFEST_FORMAT) {
    throw new BbError('usage', `${path} is not a bb backup manifest (format ${describe(m.format)}, expected "${MANIFEST_FORMAT}").`, { hint: HINT, code: 'backup.manifest-format' });
  }
  for (const [key, check, expected] of KEYS) {
    if (!check(m[key])) throw invalid(path, `"${key}" is ${describe(m[key])}, expected ${expected}`);
  }
  const target = m.target;
  if (typeof target !== 'object' || target === null || Array.isArray(target)) throw invalid(path, `"target" is ${describe(target)}, expected an object`);
  for (const [key, check] of TARGET_KEYS) {
    const v = (target as Record<string, unknown>)[key];
    if (!check(v)) throw invalid(path, `"target.${key}" is ${describe(v)}, expected ${key === 'member' ? 'a string when present' : 'a string'}`);
  }
  return m as unknown as BackupManifest;
}

/**
 * Reads and checks the manifest at `path` (parseManifest). A file that is not there rejects with the
 * fs error (ENOENT, ENOTDIR: the caller may look elsewhere); one that cannot be read is a usage error
 * `backup.manifest-unreadable`.
 */
export async function loadManifest(path: string): Promise<BackupManifest> {
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw error;
    throw new BbError('usage', `Cannot read the backup manifest ${path}: ${causeMessage(error)}.`, { hint: 'Check the file\'s permissions.', code: 'backup.manifest-unreadable', cause: error });
  }
  return parseManifest(content, path);
}
