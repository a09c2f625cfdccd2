import { readdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { BbError, causeMessage } from '../errors.js';
import { checksum, normalizeText } from './checksum.js';
import { parseDirectives, readDirectives } from './directives.js';
import { parseFileName, parseFolderEntry, splitDbmateSections, type ParsedName } from './formats.js';
import type { EngineName, MigrationDir, MigrationFile } from './model.js';
import { compareVersions, parseVersion } from './version.js';

export interface DirSource {
  /** Logical database name from the config. */
  readonly database: string;
  readonly engine: EngineName;
  /** Absolute path of the migrations folder. */
  readonly path: string;
  /** Absolute project root; file paths in the result are relative to it. */
  readonly projectRoot: string;
}

export interface ReadOptions {
  /**
   * Read a file whose `-- bb:` directives are unknown or misplaced with its valid directives, instead of
   * refusing the folder. For bb lint: the linter reads them from the file's SQL again and reports each
   * problem as a `directive` finding of that file, while the other files are linted as usual.
   * Default false: bb migrate, bb plan and the rest refuse such a folder, naming the file and line.
   */
  readonly lenientDirectives?: boolean;
}

interface Entry { readonly abs: string; readonly rel: string; readonly parsed: ParsedName }

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a migrations folder into frozen data, each file read once. Sorted: versioned files by version,
 * then repeatable ones by name. Errors (missing folder, duplicate version, unreadable or non-UTF-8 file,
 * unknown directive unless `options.lenientDirectives`) name the files.
 */
export async function readMigrationDir(source: DirSource, options: ReadOptions = {}): Promise<MigrationDir> {
  const root = toPosix(relative(source.projectRoot, source.path)) || '.';
  const entries = await listEntries(source, root);
  // Synchronous reads: thousands of small files read with fs/promises cost a large buffer each (GC-bound, ~10× slower).
  const texts = entries.map((e) => readText(e));

  const ups = new Map<string, { entry: Entry; sql: string }>();
  const downs = new Map<string, { entry: Entry; sql: string }>();
  const byVersion = new Map<string, string>(); // normalised version → path, for duplicate detection
  const files: MigrationFile[] = [];
  entries.forEach((entry, i) => {
    const sql = texts[i]!;
    const p = entry.parsed;
    const key = p.kind === 'repeatable' ? `R__${p.name}` : p.version!;
    if (p.direction === 'down') {
      const other = downs.get(normalKey(key));
      if (other) {
        throw new BbError('migration-dir', `Two down migrations for ${p.kind === 'repeatable' ? key : `version ${key}`} in ${root}: ${other.entry.rel} and ${entry.rel}.`, {
          hint: 'Keep one down file per version (bb rollback would run only one of them); delete or merge the other.',
          code: 'migration-dir.duplicate',
        });
      }
      downs.set(normalKey(key), { entry, sql });
      return;
    }
    const norm = normalKey(key);
    const previous = byVersion.get(norm);
    if (previous !== undefined) {
      throw new BbError('migration-dir', `Duplicate ${p.kind === 'repeatable' ? 'repeatable migration' : 'version'} ${key} in ${root}: ${previous} and ${entry.rel}.`, {
        hint: 'Give one of the files a new, higher version; each version must appear once.',
        code: 'migration-dir.duplicate',
      });
    }
    byVersion.set(norm, entry.rel);
    ups.set(norm, { entry, sql });
  });

  for (const [norm, { entry, sql: raw }] of ups) {
    const p = entry.parsed;
    const dbmate = splitDbmateSections(raw);
    const sql = dbmate ? dbmate.up : raw;
    const directives = options.lenientDirectives ? readDirectives(sql).directives : parseDirectives(sql, entry.rel);
    const downSource = downs.get(norm);
    const down = downSource
      ? { path: downSource.entry.rel, sql: normalizeText(downSource.sql), checksum: checksum(downSource.sql) }
      : dbmate?.down !== undefined
        ? { path: `${entry.rel}#migrate:down`, sql: normalizeText(dbmate.down), checksum: checksum(dbmate.down) }
        : undefined;
    const file: MigrationFile = {
      kind: p.kind,
      version: p.version === undefined ? undefined : parseVersion(p.version),
      key: p.kind === 'repeatable' ? `R__${p.name}` : p.version!,
      name: p.name,
      path: entry.rel,
      sql: normalizeText(sql),
      // The checksum covers the whole file as written (dbmate: both sections), before any substitution.
      checksum: checksum(raw),
      directives: dbmate?.transactionOff ? { ...directives, transaction: 'off', transactionOffBy: '-- migrate:up transaction:false' } : directives,
      ...(down ? { down: Object.freeze(down) } : {}),
    };
    files.push(Object.freeze(file));
  }
  for (const [norm, { entry }] of downs) {
    if (!ups.has(norm)) {
      throw new BbError('migration-dir', `${entry.rel} is a down migration without its up migration.`, {
        hint: 'Add the up file with the same version, or remove the down file.',
      });
    }
  }

  files.sort((a, b) => {
    if (a.version && b.version) return compareVersions(a.version, b.version);
    if (a.version || b.version) return a.version ? -1 : 1;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
  return Object.freeze({ database: source.database, engine: source.engine, root, files: Object.freeze(files) });
}

/** 1.0 and 1.00 and 1 are the same version. */
function normalKey(key: string): string {
  if (key.startsWith('R__')) return key;
  const parts = parseVersion(key).parts.slice();
  while (parts.length > 1 && parts[parts.length - 1] === 0n) parts.pop();
  return parts.join('.');
}

async function listEntries(source: DirSource, root: string): Promise<Entry[]> {
  let dirents;
  try {
    dirents = await readdir(source.path, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BbError('migration-dir', code === 'ENOENT'
      ? `The migrations folder ${root} of database "${source.database}" does not exist.`
      : `Cannot read the migrations folder ${root}: ${causeMessage(error)}.`, {
      hint: code === 'ENOENT' ? `Create it (bb new --db ${source.database} <name> creates the first migration), or fix databases.${source.database}.migrations in the config.` : 'Check the folder permissions.',
      cause: error,
    });
  }
  const entries: Entry[] = [];
  const folders: Promise<void>[] = [];
  for (const d of dirents) {
    const abs = join(source.path, d.name);
    const rel = toPosix(relative(source.projectRoot, abs));
    if (d.isDirectory()) {
      folders.push(readdir(abs).then((names) => {
        for (const name of names) {
          const parsed = parseFolderEntry(d.name, name);
          if (parsed) entries.push({ abs: join(abs, name), rel: `${rel}/${name}`, parsed });
        }
      }, () => undefined));
      continue;
    }
    if (!d.isFile() && !d.isSymbolicLink()) continue;
    if (!/\.sql$/i.test(d.name)) continue; // READMEs, schema dumps in other formats, editor files
    const parsed = parseFileName(d.name);
    if (!parsed) {
      throw new BbError('migration-dir', `Cannot tell the version of ${rel}.`, {
        hint: 'Name migrations <version>_<name>.sql (e.g. 0001_create_users.sql), V<version>__<name>.sql, or R__<name>.sql for a repeatable one.',
        code: 'migration-dir.name',
      });
    }
    entries.push({ abs, rel, parsed });
  }
  await Promise.all(folders);
  entries.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return entries;
}

function readText(entry: Entry): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(entry.abs);
  } catch (error) {
    throw new BbError('migration-dir', `Cannot read ${entry.rel}: ${causeMessage(error)}.`, { hint: 'Check that the file exists and is readable.', cause: error });
  }
  try {
    return utf8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new BbError('migration-dir', `${entry.rel} is not valid UTF-8 (first bad byte at offset ${at}, line ${lineAt(bytes, at)}).`, {
      hint: 'Save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8).',
      code: 'migration-dir.encoding',
    });
  }
}

/** Offset of the first byte that breaks UTF-8 (lead byte, continuation count, overlongs not checked). */
function firstInvalidUtf8(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const n = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return bytes.length;
}

function lineAt(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}
