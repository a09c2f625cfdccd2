/**
 * Placeholders in migration files: `{{ name }}` is replaced by the value of `name` in the target
 * environment's `vars:` (Snowflake database names, ClickHouse cluster names, … that differ per
 * environment). Pure: no I/O, no config reading.
 *
 * - Names: letters, digits, `_`, `.` and `-`, starting with a letter or `_`; blanks inside the braces
 *   are optional (`{{db}}` = `{{ db }}`).
 * - `\{{` writes a literal `{{` (the backslash is removed).
 * - Substitution is textual and applies everywhere in the file, comments included (as Flyway does), so
 *   the SQL that runs is exactly the file with the values pasted in.
 * - The checksum stays the one of the file as written (before substitution): changing a variable never
 *   makes an applied migration "edited". Statement hashes for resume are taken on what ran.
 */
import { BbError } from '../errors.js';
import { LineIndex } from '../sql/lines.js';

export type PlaceholderValue = string | number | boolean;

export interface PlaceholderUse {
  readonly name: string;
  /** 0-based offset of `{{` in the text, 1-based line and column. */
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  /** Length of the whole `{{ name }}` text. */
  readonly length: number;
}

const PLACEHOLDER = /(\\?)\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g;

/** Every placeholder in the text, in order (escaped `\{{ … }}` excluded). */
export function findPlaceholders(sql: string): PlaceholderUse[] {
  const lines = new LineIndex(sql);
  const out: PlaceholderUse[] = [];
  for (const m of sql.matchAll(PLACEHOLDER)) {
    if (m[1]) continue;
    const { line, column } = lines.position(m.index);
    out.push({ name: m[2]!, offset: m.index, line, column, length: m[0].length });
  }
  return out;
}

export interface SubstituteOptions {
  /** The file's project-relative path, for messages. */
  readonly path: string;
  /** The environment whose vars are used, for messages. */
  readonly environment?: string;
  /**
   * 'error' (default): an undefined placeholder is a BbError('config') naming it, the file, line and
   * column. 'name': it is replaced by its bare name, so that `bb lint` without `--env` still parses.
   */
  readonly missing?: 'error' | 'name';
}

/** The text with every placeholder replaced; a file without placeholders is returned as is. */
export function substitutePlaceholders(sql: string, vars: Readonly<Record<string, PlaceholderValue>>, options: SubstituteOptions): string {
  if (!sql.includes('{{')) return sql;
  const missing = findPlaceholders(sql).filter((p) => !Object.hasOwn(vars, p.name));
  if (missing.length > 0 && options.missing !== 'name') {
    const first = missing[0]!;
    const names = [...new Set(missing.map((p) => p.name))];
    const env = options.environment ? `environment "${options.environment}"` : 'the environment';
    const known = Object.keys(vars);
    throw new BbError('config', `${options.path}:${first.line}:${first.column} uses placeholder {{ ${first.name} }}, which ${env} does not define in vars:${names.length > 1 ? ` (also undefined: ${names.slice(1).join(', ')})` : ''}.`, {
      hint: `Add ${names.map((n) => `${n}: …`).join(', ')} under vars: of ${env} in the config${known.length > 0 ? ` (it defines: ${known.join(', ')})` : ''}, or write \\{{ to keep a literal {{.`,
      code: 'config.undefined-placeholder',
    });
  }
  return sql.replace(PLACEHOLDER, (whole, escape: string, name: string) => {
    if (escape) return whole.slice(1);
    return Object.hasOwn(vars, name) ? String(vars[name]) : name;
  });
}
