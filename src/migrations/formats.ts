/**
 * The naming forms bb reads as they are, so an existing Flyway, golang-migrate, dbmate, diesel or
 * Prisma folder works without renaming:
 *   0001_create_users.sql           bb / dbmate (dbmate's `-- migrate:up/down` sections are split)
 *   V1.2__add_index.sql, V1_2__x    Flyway versioned;  R__name.sql repeatable;  U1.2__x.sql undo
 *   20240101120000_x.up.sql/.down   golang-migrate
 *   <version>_<name>/up.sql|down.sql        diesel (versions like 2017-12-12-223105)
 *   <version>_<name>/migration.sql          Prisma
 */
import { isVersionText } from './version.js';

export interface ParsedName {
  readonly kind: 'versioned' | 'repeatable';
  readonly direction: 'up' | 'down';
  /** Version text for versioned files. */
  readonly version?: string;
  readonly name: string;
}

const FLYWAY = /^([VvUu])(\d+(?:[._]\d+)*)__(.*)$/;
const REPEATABLE = /^R__(.+)$/;
const LEADING_VERSION = /^(\d+(?:[.-]\d+)*)(?:[_.-](.*))?$/;

/** Parses a file name (no folder); undefined when it is not a migration name. */
export function parseFileName(fileName: string): ParsedName | undefined {
  if (!/\.sql$/i.test(fileName)) return undefined;
  let base = fileName.slice(0, -4);
  let direction: 'up' | 'down' = 'up';
  if (/\.down$/i.test(base)) {
    direction = 'down';
    base = base.slice(0, -5);
  } else if (/\.up$/i.test(base)) {
    base = base.slice(0, -3);
  }
  const repeatable = REPEATABLE.exec(base);
  if (repeatable) return { kind: 'repeatable', direction, name: repeatable[1]! };
  const flyway = FLYWAY.exec(base);
  if (flyway) {
    const undo = flyway[1]!.toLowerCase() === 'u';
    return { kind: 'versioned', direction: undo ? 'down' : direction, version: flyway[2]!, name: flyway[3]! };
  }
  const leading = LEADING_VERSION.exec(base.replace(/^[Vv](?=\d)/, ''));
  if (leading) return { kind: 'versioned', direction, version: leading[1]!, name: leading[2] ?? '' };
  return undefined;
}

/** The folder forms: `<version>_<name>/up.sql`, `down.sql`, `migration.sql`. */
export function parseFolderEntry(folder: string, fileName: string): ParsedName | undefined {
  const lower = fileName.toLowerCase();
  const direction = lower === 'up.sql' || lower === 'migration.sql' ? 'up' : lower === 'down.sql' ? 'down' : undefined;
  if (!direction) return undefined;
  const m = LEADING_VERSION.exec(folder.replace(/^[Vv](?=\d)/, ''));
  if (!m || !isVersionText(m[1]!)) return undefined;
  return { kind: 'versioned', direction, version: m[1]!, name: m[2] ?? '' };
}

/** dbmate keeps up and down in one file under `-- migrate:up` / `-- migrate:down` markers. */
export function splitDbmateSections(sql: string): { up: string; down?: string; transactionOff: boolean } | undefined {
  const up = /^--\s*migrate:up\b(.*)$/m.exec(sql);
  if (!up) return undefined;
  const downMatch = /^--\s*migrate:down\b.*$/m.exec(sql);
  const upEnd = downMatch && downMatch.index > up.index ? downMatch.index : sql.length;
  // Keep the marker line (as a comment) so that statement line numbers still match the file.
  const upText = sql.slice(0, upEnd);
  const downText = downMatch ? sql.slice(downMatch.index + downMatch[0].length) : undefined;
  const transactionOff = /transaction\s*:\s*false/i.test(up[1] ?? '');
  return downText !== undefined && downText.trim() !== '' ? { up: upText, down: downText, transactionOff } : { up: upText, transactionOff };
}
