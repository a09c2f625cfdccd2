/**
 * ClickHouse has no parser package for Node, so bb reads statements with a small tokenizer and a
 * clause reader: enough to classify a statement and extract the facts rules need (table, engine,
 * ORDER BY / PARTITION BY / PRIMARY KEY, ON CLUSTER, POPULATE, columns with types, ALTER actions).
 * It never throws. A statement is 'unparsed' only when it is certainly broken (an unterminated string
 * or comment, unbalanced parentheses, a first word that starts no ClickHouse statement); anything the
 * reader does not understand in detail is kept as text, not reported, because the server is the
 * authority on ClickHouse's large grammar.
 */
import type { ParsedStatement, RawStatement, StatementKind } from '../../src/engine.js';
import type { AlterAction as FactsAlterAction, ColumnFacts, ObjectName, StatementFacts } from '../../src/lint/facts.js';
import type { Span } from '../../src/migrations/model.js';
import { dollarTag, isIdentStart, isSpace, lineEnd, nestedBlockCommentEnd, quotedEnd, wordEnd } from '../../src/sql/scan.js';

export type TokenType = 'word' | 'quoted' | 'string' | 'number' | 'op' | '(' | ')' | ',' | '.' | ';';
export interface Token {
  readonly type: TokenType;
  /** The source text of the token. */
  readonly text: string;
  /** Upper-cased for words, unquoted for quoted identifiers and strings. */
  readonly value: string;
  /** Offset in the statement text. */
  readonly at: number;
}

export interface QualifiedName {
  readonly database?: string;
  readonly name: string;
  /** Offset of the name in the statement text. */
  readonly at: number;
}

/** An expression as written, with the identifiers it references and its top-level tuple items. */
export interface Expr {
  readonly text: string;
  readonly at: number;
  /** Identifiers that are not function names (column references, lower-level detail). */
  readonly identifiers: readonly string[];
  /** `(a, b)` or `tuple(a, b)` → ['a', 'b']; a single expression → [text]; `tuple()` → []. */
  readonly items: readonly string[];
}

export interface ColumnDef {
  readonly name: string;
  readonly type: string;
  readonly at: number;
  /** The type is Nullable(…) (or NULL was written after it). */
  readonly nullable: boolean;
  readonly defaultKind?: 'DEFAULT' | 'MATERIALIZED' | 'ALIAS' | 'EPHEMERAL';
  readonly defaultExpr?: string;
  readonly codec?: string;
}

export interface IndexDef {
  readonly name: string;
  readonly expr: string;
  readonly type: string;
  readonly at: number;
}

export interface EngineClause {
  /** As written: 'ReplacingMergeTree', 'ReplicatedMergeTree', 'Null', … */
  readonly name: string;
  readonly args: string;
  readonly at: number;
  /** The engine belongs to the MergeTree family (which needs ORDER BY). */
  readonly mergeTree: boolean;
  /** Replicated*MergeTree or SharedMergeTree (ClickHouse Cloud), i.e. data is replicated. */
  readonly replicated: boolean;
}

export type AlterActionKind =
  | 'add-column' | 'drop-column' | 'rename-column' | 'modify-column' | 'clear-column' | 'comment-column' | 'materialize-column'
  | 'modify-order-by' | 'modify-sample-by' | 'remove-sample-by' | 'modify-ttl' | 'remove-ttl' | 'materialize-ttl'
  | 'add-index' | 'drop-index' | 'materialize-index' | 'clear-index'
  | 'add-projection' | 'drop-projection' | 'materialize-projection' | 'clear-projection'
  | 'add-constraint' | 'drop-constraint' | 'update' | 'delete' | 'partition' | 'modify-setting' | 'reset-setting'
  | 'modify-query' | 'modify-comment' | 'other';

export interface AlterAction {
  readonly kind: AlterActionKind;
  readonly text: string;
  readonly at: number;
  /** Column, index or projection the action names. */
  readonly name?: string;
  /** RENAME COLUMN a TO b: 'b'. */
  readonly newName?: string;
  /** ADD/MODIFY COLUMN: the new definition. */
  readonly column?: ColumnDef;
  /** MODIFY ORDER BY: the new key; UPDATE/DELETE: the WHERE clause. */
  readonly expr?: Expr;
}

export type ClickHouseStatement =
  | 'create-table' | 'create-view' | 'create-materialized-view' | 'create-database' | 'create-dictionary' | 'create-function' | 'create-other'
  | 'alter-table' | 'alter-other' | 'drop-table' | 'drop-view' | 'drop-database' | 'drop-dictionary' | 'drop-function' | 'drop-other'
  | 'rename' | 'exchange' | 'truncate' | 'optimize' | 'insert' | 'delete' | 'update' | 'select' | 'set' | 'use' | 'system'
  | 'attach' | 'detach' | 'grant' | 'other';

/**
 * Statements that change the schema of the server they run on, and so need ON CLUSTER on a cluster
 * (the plan's warning, clickhouse.on-cluster-consistency): tables, views, databases, dictionaries and
 * SQL functions (which ClickHouse stores on each server, not in a replicated table), and RENAME,
 * EXCHANGE and TRUNCATE of them.
 */
export const SCHEMA_CHANGES: ReadonlySet<ClickHouseStatement> = new Set<ClickHouseStatement>([
  'create-table', 'create-view', 'create-materialized-view', 'create-database', 'create-dictionary', 'create-function',
  'alter-table', 'drop-table', 'drop-view', 'drop-database', 'drop-dictionary', 'drop-function', 'rename', 'exchange', 'truncate',
]);

export interface SelectFacts {
  readonly text: string;
  readonly at: number;
  /** Tables named after FROM / JOIN (not table functions, not subqueries). */
  readonly from: readonly QualifiedName[];
  /** Offset of an unquoted FINAL keyword (… FROM t FINAL), or of `final = 1` in SETTINGS. */
  readonly finalAt?: number;
  /** Every identifier in the query, for "which columns does this view read". */
  readonly identifiers: readonly string[];
  /** True when the query selects `*` or `t.*` (every source column is used). */
  readonly star: boolean;
}

/** What bb knows about one ClickHouse statement. Offsets are in the statement text (see spanAt). */
export interface ClickHouseFacts {
  readonly statement: ClickHouseStatement;
  /** The object created, altered or dropped. For RENAME, the first source. */
  readonly table?: QualifiedName;
  /** Cluster named by ON CLUSTER, and where it was written. */
  readonly onCluster?: { readonly name: string; readonly at: number };
  readonly ifExists?: boolean;
  readonly ifNotExists?: boolean;
  readonly orReplace?: boolean;
  readonly temporary?: boolean;
  readonly engine?: EngineClause;
  readonly orderBy?: Expr;
  readonly partitionBy?: Expr;
  readonly primaryKey?: Expr;
  readonly sampleBy?: Expr;
  readonly ttl?: Expr;
  readonly settings?: Readonly<Record<string, string>>;
  readonly columns?: readonly ColumnDef[];
  readonly indexes?: readonly IndexDef[];
  /** CREATE TABLE t AS other: the other table (columns and engine come from it). */
  readonly asTable?: QualifiedName;
  /** The SELECT of a view, materialized view or CREATE TABLE … AS SELECT. */
  readonly select?: SelectFacts;
  /** Materialized view TO target. */
  readonly to?: QualifiedName;
  readonly populate?: boolean;
  /** Refreshable materialized view (REFRESH EVERY/AFTER). */
  readonly refresh?: boolean;
  readonly actions?: readonly AlterAction[];
  /** RENAME TABLE a TO b, c TO d. */
  readonly renames?: readonly { readonly from: QualifiedName; readonly to: QualifiedName }[];
  /** Why this statement rewrites data in the background (a mutation), when it does. */
  readonly mutation?: string;
}

const STARTERS = new Set([
  'SELECT', 'WITH', 'INSERT', 'CREATE', 'ALTER', 'DROP', 'RENAME', 'EXCHANGE', 'TRUNCATE', 'OPTIMIZE', 'DELETE', 'UPDATE',
  'SET', 'SYSTEM', 'USE', 'GRANT', 'REVOKE', 'KILL', 'ATTACH', 'DETACH', 'EXPLAIN', 'SHOW', 'DESCRIBE', 'DESC', 'CHECK',
  'BACKUP', 'RESTORE', 'UNDROP', 'REPLACE', 'EXISTS', 'WATCH', 'MOVE', 'BEGIN', 'COMMIT', 'ROLLBACK', 'VALUES', 'FROM',
  'PARALLEL', 'SELECTS',
]);

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Tokens of a statement; comments and whitespace dropped. `error` names the first lexical problem. */
export function tokenize(text: string): { tokens: Token[]; error?: string } {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c) || c === 0xfeff) {
      i++;
      continue;
    }
    if ((c === 45 && text.charCodeAt(i + 1) === 45) || c === 35) {
      i = lineEnd(text, i);
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const end = nestedBlockCommentEnd(text, i);
      if (!text.slice(i, end).endsWith('*/') || end - i < 4) return { tokens, error: 'unterminated /* comment' };
      i = end;
      continue;
    }
    if (c === 39 || c === 34 || c === 96) {
      const end = quotedEnd(text, i, c, true);
      if (end >= n && (end - i < 2 || text.charCodeAt(end - 1) !== c || escapedAt(text, end - 1, i))) {
        return { tokens, error: `unterminated ${c === 39 ? 'string' : 'quoted identifier'} starting at offset ${i}` };
      }
      const raw = text.slice(i, end);
      tokens.push({ type: c === 39 ? 'string' : 'quoted', text: raw, value: unquote(raw), at: i });
      i = end;
      continue;
    }
    if (c === 36) {
      const tag = dollarTag(text, i);
      if (tag !== undefined) {
        const close = text.indexOf(tag, i + tag.length);
        if (close === -1) return { tokens, error: 'unterminated heredoc' };
        const raw = text.slice(i, close + tag.length);
        tokens.push({ type: 'string', text: raw, value: raw.slice(tag.length, -tag.length), at: i });
        i = close + tag.length;
        continue;
      }
    }
    if (isIdentStart(c) || c === 36) {
      const j = wordEnd(text, i);
      const raw = text.slice(i, j);
      tokens.push({ type: 'word', text: raw, value: raw.toUpperCase(), at: i });
      i = j;
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < n && (isIdentStart(text.charCodeAt(j)) || isDigit(text.charCodeAt(j)) || text.charCodeAt(j) === 46 ||
        ((text.charCodeAt(j) === 43 || text.charCodeAt(j) === 45) && /[eE]/.test(text[j - 1]!) && !/^0x/i.test(text.slice(i, j))))) j++;
      const raw = text.slice(i, j);
      tokens.push({ type: 'number', text: raw, value: raw, at: i });
      i = j;
      continue;
    }
    const single: Partial<Record<number, TokenType>> = { 40: '(', 41: ')', 44: ',', 46: '.', 59: ';' };
    const t = single[c];
    if (t) {
      tokens.push({ type: t, text: text[i]!, value: text[i]!, at: i });
      i++;
      continue;
    }
    const two = text.slice(i, i + 2);
    const op = ['->', '<=', '>=', '!=', '<>', '==', '||', '::'].includes(two) ? two : text[i]!;
    tokens.push({ type: 'op', text: op, value: op, at: i });
    i += op.length;
  }
  return { tokens };
}

function escapedAt(text: string, pos: number, from: number): boolean {
  let k = pos - 1;
  let count = 0;
  while (k > from && text.charCodeAt(k) === 92) {
    count++;
    k--;
  }
  return count % 2 === 1;
}

function unquote(raw: string): string {
  const q = raw[0]!;
  const body = raw.length > 1 && raw.endsWith(q) ? raw.slice(1, -1) : raw.slice(1);
  return body.split(q + q).join(q).replace(/\\(.)/g, (_m, ch: string) => ({ n: '\n', t: '\t', r: '\r', '0': '\0' })[ch] ?? ch);
}

/** A file-relative span for `length` characters at `at` in the statement text. */
export function spanAt(stmt: RawStatement, at: number, length: number): Span {
  const before = stmt.text.slice(0, at);
  const nl = before.lastIndexOf('\n');
  const line = stmt.span.line + countNewlines(before);
  const column = nl === -1 ? stmt.span.column + at : at - nl;
  const inner = stmt.text.slice(at, at + Math.max(length, 1) - 1);
  const innerNl = inner.lastIndexOf('\n');
  const endLine = line + countNewlines(inner);
  const endColumn = innerNl === -1 ? column + Math.max(length, 1) - 1 : inner.length - innerNl;
  return { line, column, endLine, endColumn, offset: stmt.span.offset + at, length };
}

function countNewlines(s: string): number {
  let k = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) k++;
  return k;
}

const CLAUSES = new Set(['ENGINE', 'PARTITION', 'PRIMARY', 'ORDER', 'SAMPLE', 'TTL', 'SETTINGS', 'COMMENT', 'AS', 'EMPTY', 'POPULATE', 'TO', 'REFRESH', 'DEFINER', 'SQL', 'APPEND', 'DEPENDS', 'RANDOMIZE', 'WATERMARK', 'ALLOWED_LATENESS', 'INNER', 'UUID', 'CLONE']);
const COLUMN_KEYWORDS = new Set(['NULL', 'NOT', 'DEFAULT', 'MATERIALIZED', 'EPHEMERAL', 'ALIAS', 'COMMENT', 'CODEC', 'TTL', 'STATISTICS', 'PRIMARY', 'SETTINGS', 'AFTER', 'FIRST', 'AUTO_INCREMENT']);
const ALTER_STARTS = new Set(['ADD', 'DROP', 'MODIFY', 'RENAME', 'CLEAR', 'COMMENT', 'MATERIALIZE', 'UPDATE', 'DELETE', 'DETACH', 'ATTACH', 'FREEZE', 'UNFREEZE', 'MOVE', 'REPLACE', 'REMOVE', 'RESET', 'FETCH', 'APPLY', 'FORGET']);

class Reader {
  pos = 0;
  constructor(readonly text: string, readonly tokens: readonly Token[]) {}

  peek(k = 0): Token | undefined {
    return this.tokens[this.pos + k];
  }
  done(): boolean {
    return this.pos >= this.tokens.length;
  }
  isWord(...words: string[]): boolean {
    return words.every((w, k) => {
      const t = this.peek(k);
      return t !== undefined && t.type === 'word' && t.value === w;
    });
  }
  accept(...words: string[]): boolean {
    if (!this.isWord(...words)) return false;
    this.pos += words.length;
    return true;
  }
  next(): Token | undefined {
    return this.tokens[this.pos++];
  }

  /** [db.]name; undefined when the next token is not a name. */
  name(): QualifiedName | undefined {
    const first = this.peek();
    if (!first || (first.type !== 'word' && first.type !== 'quoted')) return undefined;
    this.pos++;
    if (this.peek()?.type === '.' && (this.peek(1)?.type === 'word' || this.peek(1)?.type === 'quoted')) {
      const second = this.peek(1)!;
      this.pos += 2;
      return { database: identValue(first), name: identValue(second), at: second.at };
    }
    return { name: identValue(first), at: first.at };
  }

  /** ON CLUSTER name, if present. */
  onCluster(): { name: string; at: number } | undefined {
    if (!this.isWord('ON', 'CLUSTER')) return undefined;
    const at = this.peek()!.at;
    this.pos += 2;
    const t = this.next();
    return { name: t ? identValue(t) : '', at };
  }

  /** Tokens up to (not including) a depth-0 token that `stop` accepts, or the end. */
  until(stop: (t: Token, r: Reader) => boolean): Token[] {
    const out: Token[] = [];
    let depth = 0;
    while (!this.done()) {
      const t = this.peek()!;
      if (depth === 0 && (t.type === ')' || stop(t, this))) break;
      if (t.type === '(') depth++;
      if (t.type === ')') depth--;
      out.push(t);
      this.pos++;
    }
    return out;
  }

  /** The source text covering a token run. */
  source(toks: readonly Token[]): string {
    if (toks.length === 0) return '';
    const last = toks[toks.length - 1]!;
    return this.text.slice(toks[0]!.at, last.at + last.text.length);
  }

  expr(toks: readonly Token[]): Expr | undefined {
    if (toks.length === 0) return undefined;
    return { text: this.source(toks), at: toks[0]!.at, identifiers: identifiers(toks), items: tupleItems(this, toks) };
  }
}

function identValue(t: Token): string {
  return t.type === 'word' ? t.text : t.value;
}

/** Identifiers in a token run that are not function names, keywords of lambda syntax, or member names. */
function identifiers(toks: readonly Token[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k]!;
    if (t.type !== 'word' && t.type !== 'quoted') continue;
    if (toks[k + 1]?.type === '(' && t.type === 'word') continue;
    if (t.type === 'word' && EXPR_KEYWORDS.has(t.value)) continue;
    if (toks[k - 1]?.type === '.') continue;
    out.push(identValue(t));
  }
  return out;
}

const EXPR_KEYWORDS = new Set(['AND', 'OR', 'NOT', 'IS', 'NULL', 'IN', 'LIKE', 'ILIKE', 'BETWEEN', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'AS', 'INTERVAL', 'SECOND', 'MINUTE', 'HOUR', 'DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR', 'TRUE', 'FALSE', 'DESC', 'ASC', 'DISTINCT', 'GLOBAL', 'ANY', 'ALL', 'TO', 'DELETE', 'WHERE', 'GROUP', 'BY', 'SET', 'RECOMPRESS', 'CODEC', 'VOLUME', 'DISK', 'NULLS', 'LAST', 'FIRST', 'WITH', 'FILL', 'STEP', 'COLLATE', 'EXISTS', 'NAN', 'INF']);

function tupleItems(r: Reader, toks: readonly Token[]): string[] {
  let inner: readonly Token[] = toks;
  if (toks.length >= 2 && toks[0]!.type === '(' && matching(toks, 0) === toks.length - 1) inner = toks.slice(1, -1);
  else if (toks.length >= 3 && toks[0]!.type === 'word' && toks[0]!.value === 'TUPLE' && toks[1]!.type === '(' && matching(toks, 1) === toks.length - 1) inner = toks.slice(2, -1);
  else return [r.source(toks)];
  const items: string[] = [];
  let depth = 0;
  let cur: Token[] = [];
  for (const t of inner) {
    if (t.type === '(') depth++;
    if (t.type === ')') depth--;
    if (t.type === ',' && depth === 0) {
      items.push(r.source(cur));
      cur = [];
      continue;
    }
    cur.push(t);
  }
  if (cur.length > 0) items.push(r.source(cur));
  return items;
}

function matching(toks: readonly Token[], open: number): number {
  let depth = 0;
  for (let k = open; k < toks.length; k++) {
    if (toks[k]!.type === '(') depth++;
    if (toks[k]!.type === ')' && --depth === 0) return k;
  }
  return -1;
}

const KIND_OF: Partial<Record<ClickHouseStatement, StatementKind>> = {
  'create-table': 'create-table', 'alter-table': 'alter-table', 'drop-table': 'drop-table', insert: 'insert',
  delete: 'delete', update: 'update', select: 'select', set: 'set',
};

/** Classifies a statement and extracts its facts; never throws. */
export function parseClickHouse(stmt: RawStatement): ParsedStatement {
  try {
    const { tokens, error } = tokenize(stmt.text);
    if (error) return unparsed(stmt, error);
    if (tokens.length === 0) return unparsed(stmt, 'empty statement');
    let depth = 0;
    for (const t of tokens) {
      if (t.type === '(') depth++;
      if (t.type === ')' && --depth < 0) return unparsed(stmt, `unbalanced ")" at offset ${t.at}`);
      if (t.type === ';') return unparsed(stmt, 'more than one statement');
    }
    if (depth !== 0) return unparsed(stmt, 'unbalanced "(": a parenthesis is never closed');
    const first = tokens[0]!;
    if (first.type !== '(' && (first.type !== 'word' || !STARTERS.has(first.value))) {
      return unparsed(stmt, `"${first.text}" does not start a ClickHouse statement`);
    }
    const facts = readFacts(new Reader(stmt.text, tokens));
    return { ...stmt, kind: KIND_OF[facts.statement] ?? 'other', facts: { ...neutral(facts, tokens), clickhouse: facts }, ast: { tokens } };
  } catch (error) {
    // A reader bug must not take lint down: the statement is still run by the server as it is.
    return { ...stmt, kind: 'other', facts: { clickhouse: { statement: 'other' } }, ast: undefined };
  }
}

function unparsed(stmt: RawStatement, error: string): ParsedStatement {
  return { ...stmt, kind: 'unparsed', facts: { clickhouse: { statement: 'other' } }, ast: undefined, error };
}

/** The facts of a parsed ClickHouse statement. */
export function factsOf(stmt: { readonly facts: StatementFacts }): ClickHouseFacts {
  return (stmt.facts.clickhouse as ClickHouseFacts | undefined) ?? { statement: 'other' };
}

const objectName = (q: QualifiedName): ObjectName => ({ ...(q.database !== undefined ? { schema: q.database } : {}), name: q.name, at: q.at });

function columnFacts(c: ColumnDef): ColumnFacts {
  const inner = c.type.replace(/^(LowCardinality\s*\(\s*)?(Nullable\s*\(\s*)?/i, '');
  const base = /^[A-Za-z0-9_]+/.exec(inner)?.[0] ?? inner;
  const args = /\(([^()]*)\)/.exec(inner)?.[1]?.split(',').map((a) => Number(a.trim())).filter((n) => Number.isFinite(n)) ?? [];
  return {
    name: c.name, type: base.toLowerCase(), typeArgs: args, typeText: c.type, notNull: !c.nullable, ...(c.nullable ? { explicitNull: true } : {}),
    primaryKey: false, ...(c.defaultKind === 'DEFAULT' && c.defaultExpr !== undefined ? { default: c.defaultExpr } : {}),
    ...(c.defaultKind === 'MATERIALIZED' || c.defaultKind === 'ALIAS' ? { generated: true } : {}), at: c.at,
  };
}

/** The engine-neutral facts shared rules and the schema model read. */
function neutral(f: ClickHouseFacts, tokens: readonly Token[]): StatementFacts {
  const out: { -readonly [K in keyof StatementFacts]: StatementFacts[K] } = {};
  const tables = [...(f.table ? [f.table] : []), ...(f.select?.from ?? [])].map(objectName);
  if (tables.length > 0) out.tables = tables;
  const has = (w: string): boolean => tokens.some((t) => t.type === 'word' && t.value === w);
  switch (f.statement) {
    case 'create-table': {
      if (!f.table) break;
      const key = f.primaryKey ?? (f.orderBy && f.orderBy.items.length > 0 ? f.orderBy : undefined);
      out.createTable = {
        table: objectName(f.table), columns: (f.columns ?? []).map(columnFacts),
        // ClickHouse's PRIMARY KEY (or ORDER BY) is the sparse index prefix, not a uniqueness constraint.
        constraints: key ? [{ type: 'primary-key', columns: key.items, at: key.at }] : [],
        ifNotExists: f.ifNotExists === true, temporary: f.temporary === true, partitioned: f.partitionBy !== undefined,
        ...(f.select || f.asTable ? { asSelect: true } : {}), ...(f.engine ? { options: { ENGINE: f.engine.name } } : {}),
      };
      break;
    }
    case 'alter-table': {
      if (!f.table) break;
      const actions: FactsAlterAction[] = (f.actions ?? []).map((a): FactsAlterAction => {
        switch (a.kind) {
          case 'add-column':
            return a.column ? { type: 'add-column', column: columnFacts(a.column), at: a.at } : { type: 'other', text: a.text, at: a.at };
          case 'drop-column':
            return { type: 'drop-column', column: a.name ?? '', at: a.at };
          case 'rename-column':
            return { type: 'rename-column', from: a.name ?? '', to: a.newName ?? '', at: a.at };
          case 'modify-column':
            return a.column ? { type: 'modify-column', column: columnFacts(a.column), at: a.at } : { type: 'other', text: a.text, at: a.at };
          case 'add-index':
            return { type: 'add-index', index: { ...(a.name ? { name: a.name } : {}), table: objectName(f.table!), columns: [], unique: false }, at: a.at };
          case 'drop-index':
            return { type: 'drop-index', name: a.name ?? '', at: a.at };
          default:
            return { type: 'other', text: a.text, at: a.at };
        }
      });
      out.alterTable = { table: objectName(f.table), actions };
      break;
    }
    case 'drop-table':
      if (f.table) out.dropTable = { tables: [objectName(f.table)], cascade: false, ifExists: f.ifExists === true };
      break;
    case 'drop-view':
    case 'drop-database':
    case 'drop-dictionary':
    case 'drop-function':
      if (f.table) out.drop = { object: f.statement.slice(5), names: [objectName(f.table)], cascade: false };
      break;
    case 'create-view':
    case 'create-materialized-view':
    case 'create-database':
    case 'create-dictionary':
    case 'create-function':
      out.create = {
        object: f.statement === 'create-materialized-view' ? 'materialized view' : f.statement.slice(7),
        ...(f.table ? { name: objectName(f.table) } : {}),
        ...(f.select ? { reads: f.select.from.map((t) => ({ table: objectName(t), columns: f.select!.star ? ('*' as const) : f.select!.identifiers })) } : {}),
      };
      break;
    case 'rename':
      if (f.renames?.[0]) out.renameTable = { from: objectName(f.renames[0].from), to: objectName(f.renames[0].to) };
      break;
    case 'truncate':
      if (f.table) out.truncate = { tables: [objectName(f.table)], cascade: false };
      break;
    case 'insert':
      out.dml = { ...(f.table ? { table: objectName(f.table) } : {}), hasWhere: false };
      break;
    case 'delete':
    case 'update':
      out.dml = { ...(f.table ? { table: objectName(f.table) } : {}), hasWhere: has('WHERE') };
      break;
    case 'select':
      out.select = { star: tokens.some((t, k) => t.value === '*' && (tokens[k - 1]?.value === 'SELECT' || tokens[k - 1]?.type === ',' || tokens[k - 1]?.type === '.')), hasWhere: has('WHERE'), hasFrom: has('FROM') };
      break;
    case 'set': {
      const name = tokens[1];
      const eq = tokens.findIndex((t) => t.value === '=');
      if (name && eq > 1) out.set = { name: identValue(name), value: tokens.slice(eq + 1).map((t) => t.text).join(' ') };
      break;
    }
    default:
      break;
  }
  return out;
}

function readFacts(r: Reader): ClickHouseFacts {
  const w = r.peek()!.value;
  switch (w) {
    case 'CREATE':
    case 'REPLACE':
    case 'ATTACH':
      return readCreate(r);
    case 'ALTER':
      return readAlter(r);
    case 'DROP':
    case 'UNDROP':
      return readDrop(r);
    case 'DETACH':
      r.next();
      r.accept('TABLE') || r.accept('VIEW') || r.accept('DICTIONARY');
      r.accept('IF', 'EXISTS');
      return withCluster(r, { statement: 'detach', ...opt('table', r.name()) });
    case 'RENAME':
    case 'EXCHANGE':
      return readRename(r);
    case 'TRUNCATE': {
      r.next();
      r.accept('TEMPORARY');
      r.accept('TABLE');
      const ifExists = r.accept('IF', 'EXISTS');
      return withCluster(r, { statement: 'truncate', ...opt('table', r.name()), ...(ifExists ? { ifExists } : {}) });
    }
    case 'OPTIMIZE':
      r.next();
      r.accept('TABLE');
      return withCluster(r, { statement: 'optimize', ...opt('table', r.name()) });
    case 'INSERT': {
      r.next();
      r.accept('INTO');
      if (r.accept('FUNCTION')) return { statement: 'insert' };
      r.accept('TABLE');
      return { statement: 'insert', ...opt('table', r.name()) };
    }
    case 'DELETE': {
      r.next();
      r.accept('FROM');
      const table = r.name();
      const facts = withCluster(r, { statement: 'delete', ...opt('table', table) });
      return { ...facts, mutation: 'DELETE FROM (a lightweight delete: rows are masked now and removed by a background mutation)' };
    }
    case 'UPDATE':
      r.next();
      return { statement: 'update', ...opt('table', r.name()), mutation: 'UPDATE (a lightweight update, applied by a background mutation)' };
    case 'SELECT':
    case 'WITH':
    case 'EXPLAIN':
    case 'SHOW':
    case 'DESCRIBE':
    case 'DESC':
    case 'EXISTS':
    case 'CHECK':
    case 'FROM':
    case 'VALUES':
      return { statement: 'select' };
    case 'SET':
      return { statement: 'set' };
    case 'USE':
      return { statement: 'use' };
    case 'SYSTEM':
      return { statement: 'system' };
    case 'GRANT':
    case 'REVOKE':
      return { statement: 'grant' };
    default:
      return { statement: 'other' };
  }
}

function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function withCluster(r: Reader, facts: ClickHouseFacts): ClickHouseFacts {
  const onCluster = r.onCluster();
  return onCluster ? { ...facts, onCluster } : facts;
}

function readCreate(r: Reader): ClickHouseFacts {
  const verb = r.next()!.value;
  const orReplace = verb === 'REPLACE' || r.accept('OR', 'REPLACE');
  const temporary = r.accept('TEMPORARY');
  let statement: ClickHouseStatement;
  if (r.accept('TABLE')) statement = 'create-table';
  else if (r.accept('MATERIALIZED', 'VIEW')) statement = 'create-materialized-view';
  else if (r.accept('VIEW') || r.accept('LIVE', 'VIEW') || r.accept('WINDOW', 'VIEW')) statement = 'create-view';
  else if (r.accept('DATABASE')) statement = 'create-database';
  else if (r.accept('DICTIONARY')) statement = 'create-dictionary';
  else if (r.accept('FUNCTION')) statement = 'create-function';
  else return { statement: 'create-other' };
  const ifNotExists = r.accept('IF', 'NOT', 'EXISTS');
  const table = r.name();
  const base: ClickHouseFacts = {
    statement, ...opt('table', table), ...(orReplace ? { orReplace } : {}), ...(temporary ? { temporary } : {}), ...(ifNotExists ? { ifNotExists } : {}),
  };
  if (r.accept('UUID')) r.next();
  let facts = withCluster(r, base);
  if (statement === 'create-database' || statement === 'create-function') {
    if (r.accept('ENGINE')) {
      if (r.peek()?.value === '=') r.next();
      const e = readEngine(r);
      if (e) facts = { ...facts, engine: e };
    }
    return facts;
  }
  return readTableBody(r, facts);
}

function readEngine(r: Reader): EngineClause | undefined {
  const t = r.next();
  if (!t || (t.type !== 'word' && t.type !== 'quoted')) return undefined;
  let args = '';
  if (r.peek()?.type === '(') {
    r.next();
    args = r.source(r.until(() => false));
    r.next(); // )
  }
  const name = identValue(t);
  return { name, args, at: t.at, mergeTree: /MergeTree$/i.test(name), replicated: /^(Replicated|Shared)/i.test(name) };
}

function readTableBody(r: Reader, start: ClickHouseFacts): ClickHouseFacts {
  let facts: { -readonly [K in keyof ClickHouseFacts]: ClickHouseFacts[K] } = { ...start };
  const isView = facts.statement === 'create-view' || facts.statement === 'create-materialized-view';
  while (!r.done()) {
    const t = r.peek()!;
    if (t.type === '(' && !facts.columns && facts.statement !== 'create-function') {
      r.next();
      const { columns, indexes, primaryKey } = readElements(r);
      r.next(); // )
      facts.columns = columns;
      facts.indexes = indexes;
      if (primaryKey) facts.primaryKey = primaryKey;
      continue;
    }
    if (t.type !== 'word') {
      r.next();
      continue;
    }
    if (r.accept('ENGINE')) {
      if (r.peek()?.value === '=') r.next();
      const e = readEngine(r);
      if (e) facts.engine = e;
      continue;
    }
    if (r.accept('PARTITION', 'BY')) {
      const e = r.expr(r.until(isClause));
      if (e) facts.partitionBy = e;
      continue;
    }
    if (r.accept('PRIMARY', 'KEY')) {
      const e = r.expr(r.until(isClause));
      if (e) facts.primaryKey = e;
      continue;
    }
    if (r.accept('ORDER', 'BY')) {
      const e = r.expr(r.until(isClause));
      if (e) facts.orderBy = e;
      continue;
    }
    if (r.accept('SAMPLE', 'BY')) {
      const e = r.expr(r.until(isClause));
      if (e) facts.sampleBy = e;
      continue;
    }
    if (r.accept('TTL')) {
      const e = r.expr(r.until(isClause));
      if (e) facts.ttl = e;
      continue;
    }
    if (r.accept('SETTINGS')) {
      facts.settings = { ...facts.settings, ...readSettings(r, r.until(isClause)) };
      continue;
    }
    if (r.accept('POPULATE')) {
      facts.populate = true;
      continue;
    }
    if (r.accept('REFRESH')) {
      facts.refresh = true;
      r.until((x) => x.type === 'word' && (x.value === 'TO' || x.value === 'AS' || x.value === 'ENGINE' || x.value === 'EMPTY' || x.value === 'APPEND'));
      continue;
    }
    if (isView && r.accept('TO')) {
      const to = r.name();
      if (to) facts.to = to;
      continue;
    }
    if (r.accept('EMPTY')) continue;
    if (r.accept('CLONE')) continue;
    if (r.accept('AS')) {
      const next = r.peek();
      if (next && next.type === 'word' && (next.value === 'SELECT' || next.value === 'WITH') || next?.type === '(') {
        facts.select = readSelect(r, r.until(() => false));
        continue;
      }
      const save = r.pos;
      const other = r.name();
      if (other && r.peek()?.type === '(' && !other.database) {
        // AS table_function(…)
        r.pos = save;
        r.next();
        r.next();
        r.until(() => false);
        r.next();
        continue;
      }
      if (other) facts.asTable = other;
      continue;
    }
    if (r.accept('COMMENT')) {
      r.next();
      continue;
    }
    r.next();
  }
  if (facts.statement === 'create-materialized-view' || facts.statement === 'create-view') facts = { ...facts };
  return facts;
}

function isClause(t: Token, r: Reader): boolean {
  if (t.type !== 'word') return false;
  if (!CLAUSES.has(t.value)) return false;
  const next = r.peek(1);
  switch (t.value) {
    case 'PARTITION':
    case 'ORDER':
    case 'SAMPLE':
      return next?.value === 'BY';
    case 'PRIMARY':
      return next?.value === 'KEY';
    case 'AS':
      return next?.type === 'word' && (next.value === 'SELECT' || next.value === 'WITH');
    case 'TO':
    case 'INNER':
    case 'UUID':
    case 'CLONE':
    case 'DEFINER':
    case 'SQL':
    case 'DEPENDS':
    case 'RANDOMIZE':
    case 'APPEND':
      return false;
    default:
      return true;
  }
}

function readSettings(r: Reader, toks: readonly Token[]): Record<string, string> {
  const out: Record<string, string> = {};
  let k = 0;
  while (k < toks.length) {
    const name = toks[k];
    if (!name || (name.type !== 'word' && name.type !== 'quoted')) {
      k++;
      continue;
    }
    let j = k + 1;
    if (toks[j]?.value === '=') j++;
    const value: Token[] = [];
    let depth = 0;
    while (j < toks.length && !(depth === 0 && toks[j]!.type === ',')) {
      if (toks[j]!.type === '(') depth++;
      if (toks[j]!.type === ')') depth--;
      value.push(toks[j]!);
      j++;
    }
    out[identValue(name).toLowerCase()] = value.length === 1 && value[0]!.type === 'string' ? value[0]!.value : r.source(value);
    k = j + 1;
  }
  return out;
}

function readElements(r: Reader): { columns: ColumnDef[]; indexes: IndexDef[]; primaryKey?: Expr } {
  const columns: ColumnDef[] = [];
  const indexes: IndexDef[] = [];
  let primaryKey: Expr | undefined;
  while (!r.done() && r.peek()!.type !== ')') {
    const element = r.until((t) => t.type === ',');
    if (r.peek()?.type === ',') r.next();
    const first = element[0];
    if (!first) continue;
    const sub = new Reader(r.text, element);
    if (first.type === 'word' && first.value === 'INDEX') {
      sub.next();
      const name = sub.next();
      const expr = sub.until((t) => t.type === 'word' && t.value === 'TYPE');
      sub.accept('TYPE');
      const type = sub.until((t) => t.type === 'word' && t.value === 'GRANULARITY');
      indexes.push({ name: name ? identValue(name) : '', expr: r.source(expr), type: r.source(type), at: first.at });
      continue;
    }
    if (first.type === 'word' && (first.value === 'PROJECTION' || first.value === 'CONSTRAINT')) continue;
    if (first.type === 'word' && first.value === 'PRIMARY' && sub.isWord('PRIMARY', 'KEY')) {
      sub.pos += 2;
      primaryKey = sub.expr(sub.until(() => false));
      continue;
    }
    const column = readColumn(sub);
    if (column) columns.push(column);
  }
  return { columns, indexes, ...(primaryKey ? { primaryKey } : {}) };
}

function readColumn(r: Reader): ColumnDef | undefined {
  const nameTok = r.next();
  if (!nameTok || (nameTok.type !== 'word' && nameTok.type !== 'quoted')) return undefined;
  const typeToks = r.until((t) => t.type === 'word' && COLUMN_KEYWORDS.has(t.value));
  const type = r.source(typeToks);
  let nullable = /^Nullable\s*\(/i.test(type) || /^LowCardinality\s*\(\s*Nullable\s*\(/i.test(type);
  let defaultKind: ColumnDef['defaultKind'];
  let defaultExpr: string | undefined;
  let codec: string | undefined;
  while (!r.done()) {
    if (r.accept('NOT', 'NULL')) continue;
    if (r.accept('NULL')) {
      nullable = true;
      continue;
    }
    const kw = r.peek();
    if (kw?.type === 'word' && (kw.value === 'DEFAULT' || kw.value === 'MATERIALIZED' || kw.value === 'ALIAS' || kw.value === 'EPHEMERAL')) {
      r.next();
      defaultKind = kw.value as ColumnDef['defaultKind'];
      defaultExpr = r.source(r.until((t) => t.type === 'word' && COLUMN_KEYWORDS.has(t.value) && t.value !== 'NULL' && t.value !== 'NOT'));
      continue;
    }
    if (r.accept('CODEC')) {
      const toks = r.until((t) => t.type === 'word' && COLUMN_KEYWORDS.has(t.value));
      codec = r.source(toks);
      continue;
    }
    r.next();
  }
  return { name: identValue(nameTok), type, at: nameTok.at, nullable, ...(defaultKind ? { defaultKind } : {}), ...(defaultExpr !== undefined ? { defaultExpr } : {}), ...(codec ? { codec } : {}) };
}

function readSelect(r: Reader, toks: readonly Token[]): SelectFacts {
  const from: QualifiedName[] = [];
  let finalAt: number | undefined;
  let star = false;
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k]!;
    if (t.type === 'op' && t.value === '*') {
      const prev = toks[k - 1];
      if (prev && (prev.type === ',' || prev.type === '.' || (prev.type === 'word' && (prev.value === 'SELECT' || prev.value === 'DISTINCT')))) star = true;
    }
    if (t.type !== 'word') continue;
    if (t.value === 'FINAL' && toks[k - 1]?.type !== '.') finalAt ??= t.at;
    if (t.value === 'FINAL' && toks[k + 1]?.value === '=' && toks[k + 2]?.value === '1') finalAt ??= t.at;
    if (t.value === 'FROM' || t.value === 'JOIN') {
      const a = toks[k + 1];
      if (!a || (a.type !== 'word' && a.type !== 'quoted')) continue;
      if (toks[k + 2]?.type === '.' && toks[k + 3] && (toks[k + 3]!.type === 'word' || toks[k + 3]!.type === 'quoted')) {
        if (toks[k + 4]?.type !== '(') from.push({ database: identValue(a), name: identValue(toks[k + 3]!), at: toks[k + 3]!.at });
      } else if (toks[k + 2]?.type !== '(') from.push({ name: identValue(a), at: a.at });
    }
  }
  const text = r.source(toks);
  return { text, at: toks[0]?.at ?? 0, from, identifiers: identifiers(toks), star, ...(finalAt !== undefined ? { finalAt } : {}) };
}

function readAlter(r: Reader): ClickHouseFacts {
  r.next();
  r.accept('TEMPORARY');
  if (!r.accept('TABLE')) return { statement: 'alter-other' };
  const table = r.name();
  const facts = withCluster(r, { statement: 'alter-table', ...opt('table', table) });
  const actions: AlterAction[] = [];
  let settings: Record<string, string> | undefined;
  while (!r.done()) {
    const toks = r.until((t, rr) => (t.type === ',' && isAlterStart(rr.peek(1))) || (t.type === 'word' && t.value === 'SETTINGS'));
    if (toks.length > 0) actions.push(readAlterAction(r, toks));
    if (r.accept('SETTINGS')) settings = readSettings(r, r.until(() => false));
    else if (r.peek()?.type === ',') r.next();
    else if (!r.done()) r.next();
  }
  const mutation = actions.map(mutationOf).find((m) => m !== undefined);
  return { ...facts, actions, ...(settings ? { settings } : {}), ...(mutation ? { mutation } : {}) };
}

function isAlterStart(t: Token | undefined): boolean {
  return t !== undefined && t.type === 'word' && ALTER_STARTS.has(t.value);
}

function readAlterAction(parent: Reader, toks: Token[]): AlterAction {
  const r = new Reader(parent.text, toks);
  const text = parent.source(toks);
  const at = toks[0]!.at;
  const base = { text, at };
  const nameAfter = (): string | undefined => {
    r.accept('IF', 'NOT', 'EXISTS') || r.accept('IF', 'EXISTS');
    const t = r.next();
    return t && (t.type === 'word' || t.type === 'quoted') ? identValue(t) : undefined;
  };
  const named = (kind: AlterActionKind): AlterAction => ({ kind, ...base, ...opt('name', nameAfter()) });
  if (r.accept('ADD', 'COLUMN')) {
    r.accept('IF', 'NOT', 'EXISTS');
    const column = readColumn(r);
    return { kind: 'add-column', ...base, ...(column ? { name: column.name, column } : {}) };
  }
  if (r.accept('MODIFY', 'COLUMN')) {
    r.accept('IF', 'EXISTS');
    const column = readColumn(r);
    return { kind: 'modify-column', ...base, ...(column ? { name: column.name, column } : {}) };
  }
  if (r.accept('DROP', 'COLUMN')) return named('drop-column');
  if (r.accept('CLEAR', 'COLUMN')) return named('clear-column');
  if (r.accept('COMMENT', 'COLUMN')) return named('comment-column');
  if (r.accept('MATERIALIZE', 'COLUMN')) return named('materialize-column');
  if (r.accept('RENAME', 'COLUMN')) {
    const name = nameAfter();
    r.accept('TO');
    const to = r.next();
    return { kind: 'rename-column', ...base, ...opt('name', name), ...(to ? { newName: identValue(to) } : {}) };
  }
  if (r.accept('MODIFY', 'ORDER', 'BY')) return { kind: 'modify-order-by', ...base, ...opt('expr', r.expr(r.until(() => false))) };
  if (r.accept('MODIFY', 'SAMPLE', 'BY')) return { kind: 'modify-sample-by', ...base };
  if (r.accept('REMOVE', 'SAMPLE', 'BY')) return { kind: 'remove-sample-by', ...base };
  if (r.accept('MODIFY', 'TTL')) return { kind: 'modify-ttl', ...base };
  if (r.accept('REMOVE', 'TTL')) return { kind: 'remove-ttl', ...base };
  if (r.accept('MATERIALIZE', 'TTL')) return { kind: 'materialize-ttl', ...base };
  if (r.accept('ADD', 'INDEX')) return named('add-index');
  if (r.accept('DROP', 'INDEX')) return named('drop-index');
  if (r.accept('MATERIALIZE', 'INDEX')) return named('materialize-index');
  if (r.accept('CLEAR', 'INDEX')) return named('clear-index');
  if (r.accept('ADD', 'PROJECTION')) return named('add-projection');
  if (r.accept('DROP', 'PROJECTION')) return named('drop-projection');
  if (r.accept('MATERIALIZE', 'PROJECTION')) return named('materialize-projection');
  if (r.accept('CLEAR', 'PROJECTION')) return named('clear-projection');
  if (r.accept('ADD', 'CONSTRAINT')) return named('add-constraint');
  if (r.accept('DROP', 'CONSTRAINT')) return named('drop-constraint');
  if (r.accept('UPDATE')) {
    r.until((t) => t.type === 'word' && t.value === 'WHERE');
    r.accept('WHERE');
    return { kind: 'update', ...base, ...opt('expr', r.expr(r.until(() => false))) };
  }
  if (r.accept('DELETE')) {
    r.accept('IN', 'PARTITION') && r.until((t) => t.type === 'word' && t.value === 'WHERE');
    r.accept('WHERE');
    return { kind: 'delete', ...base, ...opt('expr', r.expr(r.until(() => false))) };
  }
  if (r.accept('MODIFY', 'SETTING')) return { kind: 'modify-setting', ...base };
  if (r.accept('RESET', 'SETTING')) return { kind: 'reset-setting', ...base };
  if (r.accept('MODIFY', 'QUERY')) return { kind: 'modify-query', ...base };
  if (r.accept('MODIFY', 'COMMENT')) return { kind: 'modify-comment', ...base };
  if (r.isWord('DETACH') || r.isWord('ATTACH') || r.isWord('DROP', 'PARTITION') || r.isWord('DROP', 'PART') || r.isWord('FREEZE') || r.isWord('UNFREEZE') ||
    r.isWord('MOVE') || r.isWord('REPLACE') || r.isWord('FETCH') || r.isWord('DROP', 'DETACHED')) return { kind: 'partition', ...base };
  return { kind: 'other', ...base };
}

/** Why an ALTER action runs as a mutation (rewrites parts in the background), or undefined. */
function mutationOf(a: AlterAction): string | undefined {
  switch (a.kind) {
    case 'update':
      return 'ALTER TABLE … UPDATE';
    case 'delete':
      return 'ALTER TABLE … DELETE';
    case 'materialize-index':
      return 'ALTER TABLE … MATERIALIZE INDEX';
    case 'materialize-projection':
      return 'ALTER TABLE … MATERIALIZE PROJECTION';
    case 'materialize-column':
      return 'ALTER TABLE … MATERIALIZE COLUMN';
    case 'materialize-ttl':
      return 'ALTER TABLE … MATERIALIZE TTL';
    case 'clear-column':
      return 'ALTER TABLE … CLEAR COLUMN';
    case 'clear-index':
      return 'ALTER TABLE … CLEAR INDEX';
    case 'clear-projection':
      return 'ALTER TABLE … CLEAR PROJECTION';
    case 'modify-column':
      // A type change rewrites the column's data; a change of default, comment or codec alone does not.
      return a.column && a.column.type !== '' ? 'ALTER TABLE … MODIFY COLUMN (type change)' : undefined;
    case 'drop-column':
      return undefined;
    default:
      return undefined;
  }
}

function readDrop(r: Reader): ClickHouseFacts {
  r.next();
  r.accept('TEMPORARY');
  let statement: ClickHouseStatement;
  if (r.accept('TABLE')) statement = 'drop-table';
  else if (r.accept('VIEW')) statement = 'drop-view';
  else if (r.accept('DATABASE')) statement = 'drop-database';
  else if (r.accept('DICTIONARY')) statement = 'drop-dictionary';
  else if (r.accept('FUNCTION')) statement = 'drop-function';
  else {
    statement = 'drop-other';
    r.next();
  }
  const ifExists = r.accept('IF', 'EXISTS');
  const table = r.name();
  return withCluster(r, { statement, ...opt('table', table), ...(ifExists ? { ifExists } : {}) });
}

function readRename(r: Reader): ClickHouseFacts {
  const exchange = r.next()!.value === 'EXCHANGE';
  r.accept('TABLE') || r.accept('TABLES') || r.accept('DICTIONARY') || r.accept('DATABASE');
  const renames: { from: QualifiedName; to: QualifiedName }[] = [];
  while (!r.done()) {
    const from = r.name();
    if (!from) break;
    if (!(r.accept('TO') || r.accept('AND'))) break;
    const to = r.name();
    if (!to) break;
    renames.push({ from, to });
    if (r.peek()?.type !== ',') break;
    r.next();
  }
  return withCluster(r, { statement: exchange ? 'exchange' : 'rename', ...opt('table', renames[0]?.from), renames });
}
