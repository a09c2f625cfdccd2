/**
 * Masking for bb query: which rules apply (the database's, or the environment's override), which
 * result columns they cover, and what a masked value looks like. Pure: the engine traces result
 * columns to their table columns (ResultColumn.source / derivedFrom); this module only decides.
 *
 * A result column is masked when
 *   - its source column matches a rule (whatever the query named it: aliases, SELECT *, joins), or
 *     one of the other columns whose values it also holds (alsoFrom) does; rules that mask
 *     differently mask it in full, or
 *   - it is an expression (a view's, or one the engine traced) over a masked column (derivedFrom):
 *     masked in full, whatever that column's rule, or
 *   - it has no traceable source (an expression such as lower(email), a PGlite/driver gap) and the
 *     query touches a masked column anywhere (touchesMasked): when bb cannot tell, it masks.
 */
import { createHash } from 'node:crypto';
import type { Config, DatabaseConfig, EnvironmentConfig, MaskRule } from '../config/model.js';
import type { ColumnSource, ReadCheck, ReadQueryResult, ResultColumn } from '../engine.js';
import { BACKUP_NAME_LIMIT, backupCopyOf } from '../backup/prior.js';

/** The rules in force for a database on an environment: the environment's override wins. */
export function effectiveRules(db: DatabaseConfig, env: EnvironmentConfig): readonly MaskRule[] {
  if (env.masking === false) return [];
  const override = env.masking?.[db.name];
  if (override === false) return [];
  return override ?? db.masking;
}

/** May the user running bb pass --unmask on this environment? */
export function unmaskAllowed(env: EnvironmentConfig, user: string): boolean {
  return env.unmask === true || (Array.isArray(env.unmask) && env.unmask.includes(user));
}

function globMatch(pattern: string, value: string): boolean {
  if (pattern === '*') return true;
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
  return re.test(value);
}

/**
 * "*.email", "users.phone", "billing.users.iban": the last part is the column, then table, then schema.
 * bb's own prior-backup copy of a table (bb_backup."0002_1_users") carries that table's rules; its
 * schema is bb_backup's, so a rule's schema part is not checked there. A copy whose name was cut at
 * the identifier limit may be of any table whose name starts with what is left: there the column
 * alone decides (masking a column too many rather than leaking one).
 */
export function ruleMatches(rule: MaskRule, source: ColumnSource): boolean {
  if (matchesAsNamed(rule, source)) return true;
  const copyOf = backupCopyOf(source);
  if (copyOf.length > 0 && source.table.length >= BACKUP_NAME_LIMIT) return globMatch(rule.column.split('.').pop()!, source.column);
  return copyOf.some((table) => matchesAsNamed(rule, { table, column: source.column }));
}

function matchesAsNamed(rule: MaskRule, source: ColumnSource): boolean {
  const parts = rule.column.split('.');
  const column = parts.pop()!;
  const table = parts.pop();
  const schema = parts.pop();
  if (!globMatch(column, source.column)) return false;
  if (table !== undefined && !globMatch(table, source.table)) return false;
  if (schema !== undefined && source.schema !== undefined && !globMatch(schema, source.schema)) return false;
  return true;
}

export function ruleFor(rules: readonly MaskRule[], source: ColumnSource): MaskRule | undefined {
  return rules.find((r) => ruleMatches(r, source));
}

/**
 * Does the query reach a masked column anywhere (so an untraceable result column must be masked)?
 * `relationColumns` lists the columns of a referenced table or view, `relationSources` the base
 * columns a view reads (empty for a table).
 */
export async function touchesMasked(
  check: Extract<ReadCheck, { ok: true }>,
  rules: readonly MaskRule[],
  lookups: {
    relationColumns(table: { schema?: string; table: string }): Promise<readonly string[]>;
    relationSources?(table: { schema?: string; table: string }): Promise<readonly ColumnSource[]>;
  },
): Promise<boolean> {
  if (rules.length === 0) return false;
  for (const ref of check.columns) {
    const candidates = ref.table ? check.tables.filter((t) => t.table === ref.table) : check.tables;
    const tables = candidates.length > 0 ? candidates : check.tables.length > 0 ? check.tables : [{ table: ref.table ?? '' }];
    if (tables.some((t) => ruleFor(rules, { ...(t.schema ? { schema: t.schema } : {}), table: t.table, column: ref.column }))) return true;
  }
  for (const t of check.tables) {
    if (check.star) {
      const columns = await lookups.relationColumns(t);
      if (columns.some((c) => ruleFor(rules, { ...(t.schema ? { schema: t.schema } : {}), table: t.table, column: c }))) return true;
    }
    const sources = (await lookups.relationSources?.(t)) ?? [];
    if (sources.some((s) => ruleFor(rules, s))) return true;
  }
  return false;
}

/**
 * Does the query's text name a masked column anywhere, read as plain words: every run of letters,
 * digits, `_` and `$` (and non-ASCII) in the whole text, inside strings, quoted names and comments
 * too? A rule counts when some word matches its column part and, if it names a table, some word
 * matches that too (the schema part is not checked). This is the safety net under touchesMasked for
 * where bb's parser and the server read the text differently: MySQL's `BINARY email` (node-sql-parser
 * reads a column BINARY named email), `name --ssn` (a comment to the parser, `name - -ssn` to
 * MySQL), a string that ends elsewhere under NO_BACKSLASH_ESCAPES, and bb's own readers
 * (ClickHouse, Snowflake). It only ever masks more: an untraced column of a query that merely
 * mentions `email` in a comment or a string comes back `***`.
 */
export function mentionsMasked(sql: string, rules: readonly MaskRule[]): boolean {
  if (rules.length === 0) return false;
  const words = new Set((sql.match(/[\p{L}\p{N}_$]+/gu) ?? []).map((w) => w.toLowerCase()));
  const any = (pattern: string): boolean => pattern === '*' || [...words].some((w) => globMatch(pattern, w));
  return rules.some((r) => {
    const parts = r.column.split('.');
    const column = parts.pop()!;
    const table = parts.pop();
    return any(column) && (table === undefined || any(table));
  });
}

/**
 * Does what the engine's analysis found the query reads (ReadQueryResult.reads) reach a masked
 * column? An opaque read (tables read by name at run time) counts as one: bb cannot tell.
 */
export function readsMasked(reads: ReadQueryResult['reads'], rules: readonly MaskRule[]): boolean {
  if (!reads || rules.length === 0) return false;
  return reads.opaque || reads.columns.some((c) => ruleFor(rules, c) !== undefined);
}

export type Masker = (value: unknown) => unknown;

const FULL: MaskRule = { column: '*', method: 'full' };
const DEFAULT_KEEP = 4;
const sourceKey = (s: ColumnSource): string => `${s.schema ?? ''}.${s.table}.${s.column}`.toLowerCase();
const sameMask = (a: MaskRule, b: MaskRule): boolean => a.method === b.method && (a.method !== 'partial' || (a.keep ?? DEFAULT_KEEP) === (b.keep ?? DEFAULT_KEEP));

/** The rule for values that are all of these columns' at once: the one rule they match, or full when theirs mask differently. */
function ruleForAll(rules: readonly MaskRule[], sources: readonly ColumnSource[]): MaskRule | undefined {
  const found = sources.map((s) => ruleFor(rules, s)).filter((r) => r !== undefined);
  const first = found[0];
  return !first || found.every((r) => sameMask(r, first)) ? first : FULL;
}

/** One rule and masker per result column (undefined = shown as it is), and the names of the masked ones. */
export function planMasks(columns: readonly ResultColumn[], rules: readonly MaskRule[], touched: boolean): { rules: (MaskRule | undefined)[]; maskers: (Masker | undefined)[]; masked: string[] } {
  const chosen: (MaskRule | undefined)[] = [];
  const maskers: (Masker | undefined)[] = [];
  const masked: string[] = [];
  for (const c of columns) {
    const own = c.source ? [c.source, ...(c.alsoFrom ?? [])] : [];
    let rule = ruleForAll(rules, own);
    // An expression over a masked column is masked in full, never with that column's own rule: a
    // partial rule would show the last characters of each slice (reverse(email), substring(email, 1, 8))
    // and a hash would hash each one, so a few expressions would give the value back.
    const ownKeys = new Set(own.map(sourceKey));
    if (c.derivedFrom?.some((s) => !ownKeys.has(sourceKey(s)) && ruleFor(rules, s))) rule = FULL;
    if (!rule && !c.source && !c.derivedFrom && touched && rules.length > 0) rule = FULL;
    chosen.push(rule);
    maskers.push(rule ? masker(rule) : undefined);
    if (rule) masked.push(c.name);
  }
  return { rules: chosen, maskers, masked };
}

/**
 * NULL stays NULL; everything else becomes text. Lengths count characters (code points), as
 * PostgreSQL's char_length does: engines that mask on the server (engines/postgres/csv.ts) must
 * give the same text.
 */
export function masker(rule: MaskRule): Masker {
  switch (rule.method) {
    case 'hash':
      return (v) => (v === null || v === undefined ? v : createHash('sha256').update(text(v)).digest('hex').slice(0, 16));
    case 'partial': {
      const keep = rule.keep ?? DEFAULT_KEEP;
      return (v) => {
        if (v === null || v === undefined) return v;
        const s = text(v);
        const chars = /[\uD800-\uDFFF]/.test(s) ? Array.from(s) : s;
        const kept = keep > 0 && chars.length > keep ? chars.slice(-keep) : '';
        const shown = typeof kept === 'string' ? kept : kept.join('');
        return `${'*'.repeat(Math.max(3, Math.min(chars.length - kept.length, 12)))}${shown}`;
      };
    }
    default:
      return (v) => (v === null || v === undefined ? v : '***');
  }
}

function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
  if (typeof v === 'object') return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
  return String(v);
}

/** The rules for a database, for `bb query --explain`-like messages and tests. */
export function rulesOf(config: Config, envName: string, dbName: string): readonly MaskRule[] {
  const env = config.environments.find((e) => e.name === envName);
  const db = config.databases.get(dbName);
  return env && db ? effectiveRules(db, env) : [];
}
