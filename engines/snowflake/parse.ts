/**
 * Snowflake has no parser package for Node, so bb reads statements with a small tokenizer and clause
 * reader: enough to classify a statement and fill the engine-neutral facts (src/lint/facts.ts) and
 * Snowflake's own (`facts.snowflake`). It never throws. A statement is 'unparsed' only when it is
 * certainly broken: an unterminated string, quoted identifier, comment or $$ body, or unbalanced
 * parentheses. Anything the reader does not understand in detail is kept as text: the server is the
 * authority on Snowflake's large grammar.
 *
 * Names follow Snowflake: an unquoted identifier is stored in upper case and is case-insensitive
 * (`caseInsensitive: true` in the facts, so naming formats match it ignoring case); a quoted one keeps
 * its case exactly.
 */
import type { ParsedStatement, RawStatement, StatementKind } from '../../src/engine.js';
import type { AlterAction, ColumnFacts, ConstraintFacts, CreateTableFacts, ObjectName, StatementFacts } from '../../src/lint/facts.js';
import { isIdentStart, isSpace, lineEnd, wordEnd } from '../../src/sql/scan.js';

export type TokenType = 'word' | 'quoted' | 'string' | 'number' | 'op' | '(' | ')' | ',' | '.' | ';' | 'param';
export interface Token {
  readonly type: TokenType;
  readonly text: string;
  /** Upper case for words; the unquoted text for quoted identifiers and strings. */
  readonly value: string;
  /** Offset in the statement text. */
  readonly at: number;
}

/** A name as Snowflake resolves it. */
export interface SfName {
  /** Stored form: unquoted → upper case; quoted → as written. */
  readonly name: string;
  readonly quoted: boolean;
  readonly at: number;
}

/** Snowflake's own facts, for rules/snowflake.*. */
export interface SnowflakeFacts {
  /** CREATE OR REPLACE … */
  readonly orReplace?: boolean;
  /** The object kind of CREATE/ALTER/DROP: TABLE, VIEW, SCHEMA, DATABASE, STAGE, … (upper case). */
  readonly object?: string;
  readonly objectName?: SfName & { readonly database?: string; readonly schema?: string };
  readonly transient?: boolean;
  readonly temporary?: boolean;
  readonly copyGrants?: boolean;
  readonly ifNotExists?: boolean;
  /** DATA_RETENTION_TIME_IN_DAYS = n (CREATE … or ALTER … SET). */
  readonly dataRetentionDays?: { readonly value: number; readonly at: number };
  /** USE DATABASE/SCHEMA/ROLE/WAREHOUSE x. */
  readonly use?: { readonly object: string; readonly name: string };
  /** Names this statement defines (objects and columns), for naming.identifier.*. */
  readonly identifiers: readonly SfName[];
  /** Snowflake Scripting block or EXECUTE IMMEDIATE. */
  readonly block?: boolean;
  /** DDL: commits an open transaction implicitly. */
  readonly ddl: boolean;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

export function tokenize(text: string): { tokens: Token[]; error?: string } {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  let depth = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if ((c === 45 && text.charCodeAt(i + 1) === 45) || (c === 47 && text.charCodeAt(i + 1) === 47)) {
      i = lineEnd(text, i);
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const close = text.indexOf('*/', i + 2);
      if (close === -1) return { tokens, error: `unterminated comment starting at offset ${i}` };
      i = close + 2;
      continue;
    }
    const start = i;
    const push = (type: TokenType, end: number, value?: string): void => {
      const t = text.slice(start, end);
      tokens.push({ type, text: t, value: value ?? (type === 'word' ? t.toUpperCase() : t), at: start });
      i = end;
    };
    if (c === 39 || c === 34) {
      let j = i + 1;
      let closed = false;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (c === 39 && d === 92) {
          j += 2;
          continue;
        }
        if (d === c) {
          if (text.charCodeAt(j + 1) === c) {
            j += 2;
            continue;
          }
          closed = true;
          break;
        }
        j++;
      }
      if (!closed) return { tokens, error: `unterminated ${c === 39 ? 'string' : 'quoted identifier'} starting at offset ${i}` };
      const inner = text.slice(i + 1, j);
      push(c === 39 ? 'string' : 'quoted', j + 1, c === 39 ? inner.replace(/''/g, "'").replace(/\\(.)/g, '$1') : inner.replace(/""/g, '"'));
      continue;
    }
    if (c === 36 && text.charCodeAt(i + 1) === 36) {
      const close = text.indexOf('$$', i + 2);
      if (close === -1) return { tokens, error: `unterminated $$ body starting at offset ${i}` };
      push('string', close + 2, text.slice(i + 2, close));
      continue;
    }
    if (isIdentStart(c)) {
      push('word', wordEnd(text, i));
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < n && (isDigit(text.charCodeAt(j)) || text[j] === '.' || text[j] === 'e' || text[j] === 'E')) j++;
      push('number', j);
      continue;
    }
    if (c === 63 || (c === 58 && isDigit(text.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      push('param', j);
      continue;
    }
    if (c === 40) {
      depth++;
      push('(', i + 1);
      continue;
    }
    if (c === 41) {
      depth--;
      if (depth < 0) return { tokens, error: `unbalanced ")" at offset ${i}` };
      push(')', i + 1);
      continue;
    }
    if (c === 44) {
      push(',', i + 1);
      continue;
    }
    if (c === 46) {
      push('.', i + 1);
      continue;
    }
    if (c === 59) {
      push(';', i + 1);
      continue;
    }
    const two = text.slice(i, i + 2);
    if (['::', '||', '<=', '>=', '<>', '!=', ':=', '=>', '->'].includes(two)) {
      push('op', i + 2);
      continue;
    }
    push('op', i + 1);
  }
  if (depth > 0) return { tokens, error: 'unbalanced "(": a parenthesis is never closed' };
  return { tokens };
}

/** Reads tokens left to right. */
class Reader {
  k = 0;
  constructor(readonly t: readonly Token[]) {}
  peek(o = 0): Token | undefined {
    return this.t[this.k + o];
  }
  is(...words: string[]): boolean {
    return words.every((w, o) => {
      const t = this.t[this.k + o];
      return t !== undefined && (t.type === 'word' ? t.value === w : t.text === w);
    });
  }
  eat(...words: string[]): boolean {
    if (!this.is(...words)) return false;
    this.k += words.length;
    return true;
  }
  next(): Token | undefined {
    return this.t[this.k++];
  }
  done(): boolean {
    return this.k >= this.t.length || this.t[this.k]!.type === ';';
  }
  /** A possibly qualified name: [db.][schema.]name. */
  name(): { parts: SfName[] } | undefined {
    const parts: SfName[] = [];
    for (;;) {
      const t = this.peek();
      if (!t || (t.type !== 'word' && t.type !== 'quoted')) break;
      parts.push(sfName(t));
      this.k++;
      if (this.peek()?.type !== '.') break;
      this.k++;
    }
    return parts.length > 0 ? { parts } : undefined;
  }
  /** Skips a balanced parenthesised group starting at the current `(`; returns its inner tokens. */
  group(): Token[] {
    if (this.peek()?.type !== '(') return [];
    let depth = 0;
    const start = this.k;
    for (; this.k < this.t.length; this.k++) {
      const t = this.t[this.k]!;
      if (t.type === '(') depth++;
      else if (t.type === ')' && --depth === 0) {
        this.k++;
        return this.t.slice(start + 1, this.k - 1) as Token[];
      }
    }
    return this.t.slice(start + 1) as Token[];
  }
}

export function sfName(t: Token): SfName {
  return t.type === 'quoted' ? { name: t.value, quoted: true, at: t.at } : { name: t.value, quoted: false, at: t.at };
}

function objectName(parts: readonly SfName[]): ObjectName & { database?: string } {
  const last = parts[parts.length - 1]!;
  const schema = parts.length >= 2 ? parts[parts.length - 2]!.name : undefined;
  const database = parts.length >= 3 ? parts[parts.length - 3]!.name : undefined;
  return { name: last.name, at: last.at, ...(schema !== undefined ? { schema } : {}), ...(database !== undefined ? { database } : {}), ...(last.quoted ? {} : { caseInsensitive: true }) } as ObjectName;
}

/** Splits tokens at top-level commas. */
function items(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.type === '(') depth++;
    if (t.type === ')') depth--;
    if (t.type === ',' && depth === 0) out.push([]);
    else out[out.length - 1]!.push(t);
  }
  return out.filter((i) => i.length > 0);
}

const DDL = new Set(['CREATE', 'ALTER', 'DROP', 'UNDROP', 'COMMENT', 'GRANT', 'REVOKE', 'TRUNCATE']);
const COLUMN_STOP = new Set(['NOT', 'NULL', 'DEFAULT', 'PRIMARY', 'UNIQUE', 'REFERENCES', 'COMMENT', 'COLLATE', 'CONSTRAINT', 'AUTOINCREMENT', 'IDENTITY', 'WITH', 'MASKING', 'TAG', 'AS', 'FOREIGN', 'CHECK']);
const MULTI_WORD_TYPES: Record<string, string> = { DOUBLE: 'PRECISION', CHARACTER: 'VARYING' };

/** Canonical lower-case type names (Snowflake synonyms → one name). */
const TYPE_ALIASES: Record<string, string> = {
  DECIMAL: 'number', NUMERIC: 'number', INT: 'number', INTEGER: 'number', BIGINT: 'number', SMALLINT: 'number', TINYINT: 'number', BYTEINT: 'number',
  STRING: 'varchar', TEXT: 'varchar', NVARCHAR: 'varchar', NVARCHAR2: 'varchar', 'CHAR VARYING': 'varchar', 'CHARACTER VARYING': 'varchar', NCHAR: 'char', CHARACTER: 'char',
  'DOUBLE PRECISION': 'float', DOUBLE: 'float', REAL: 'float', FLOAT4: 'float', FLOAT8: 'float',
  DATETIME: 'timestamp_ntz', VARBINARY: 'binary',
};

function readColumn(tokens: readonly Token[], text: string): ColumnFacts | undefined {
  const r = new Reader(tokens);
  const nameTok = r.next();
  if (!nameTok || (nameTok.type !== 'word' && nameTok.type !== 'quoted')) return undefined;
  const name = sfName(nameTok);
  let typeWord = '';
  let typeArgs: number[] = [];
  let typeStart = r.peek()?.at;
  let typeEnd = typeStart;
  const tw = r.peek();
  if (tw && tw.type === 'word' && !COLUMN_STOP.has(tw.value)) {
    r.k++;
    typeWord = tw.value;
    const second = MULTI_WORD_TYPES[typeWord];
    if (second && r.is(second)) {
      typeWord = `${typeWord} ${second}`;
      r.k++;
    }
    typeEnd = tokens[r.k - 1]!.at + tokens[r.k - 1]!.text.length;
    if (r.peek()?.type === '(') {
      const args = r.group();
      typeArgs = args.filter((a) => a.type === 'number').map((a) => Number(a.text));
      typeEnd = tokens[r.k - 1]!.at + 1;
    }
  } else typeStart = undefined;
  let notNull = false;
  let explicitNull = false;
  let primaryKey = false;
  let unique = false;
  let def: string | undefined;
  let comment: string | undefined;
  let collation: string | undefined;
  let autoIncrement = false;
  let references: ColumnFacts['references'];
  let generated = false;
  while (!r.done()) {
    if (r.eat('NOT', 'NULL')) notNull = true;
    else if (r.eat('NULL')) explicitNull = true;
    else if (r.eat('PRIMARY', 'KEY')) primaryKey = true;
    else if (r.eat('UNIQUE')) unique = true;
    else if (r.eat('CONSTRAINT')) r.next();
    else if (r.eat('COMMENT')) comment = r.next()?.value;
    else if (r.eat('COLLATE')) collation = r.next()?.value;
    else if (r.is('AUTOINCREMENT') || r.is('IDENTITY')) {
      r.k++;
      autoIncrement = true;
      if (r.peek()?.type === '(') r.group();
    } else if (r.eat('REFERENCES')) {
      const target = r.name();
      const cols = r.peek()?.type === '(' ? items(r.group()).map((i) => (i[0] ? sfName(i[0]).name : '')) : [];
      if (target) references = { table: objectName(target.parts), columns: cols };
    } else if (r.eat('AS')) {
      generated = true;
      if (r.peek()?.type === '(') r.group();
    } else if (r.eat('DEFAULT')) {
      const start = r.peek();
      let end = start;
      let depth = 0;
      while (!r.done()) {
        const t = r.peek()!;
        if (depth === 0 && t.type === 'word' && COLUMN_STOP.has(t.value) && t !== start) break;
        if (t.type === '(') depth++;
        if (t.type === ')') depth--;
        end = t;
        r.k++;
      }
      if (start && end) def = text.slice(start.at, end.at + end.text.length);
    } else r.k++;
  }
  const canonical = TYPE_ALIASES[typeWord] ?? typeWord.toLowerCase();
  return {
    name: name.name,
    type: canonical,
    typeArgs,
    typeText: typeStart !== undefined && typeEnd !== undefined ? text.slice(typeStart, typeEnd) : '',
    notNull: notNull || primaryKey,
    ...(explicitNull ? { explicitNull } : {}),
    primaryKey,
    ...(unique ? { unique } : {}),
    ...(def !== undefined ? { default: def, defaultVolatile: /\b(RANDOM|UUID_STRING|SEQ[1248])\s*\(|\.NEXTVAL\b/i.test(def) } : {}),
    ...(autoIncrement ? { autoIncrement, identity: true } : {}),
    ...(generated ? { generated } : {}),
    ...(comment !== undefined ? { comment } : {}),
    ...(collation !== undefined ? { collation } : {}),
    ...(references ? { references } : {}),
    ...(name.quoted ? {} : { caseInsensitive: true }),
    at: name.at,
  } as ColumnFacts;
}

function readConstraint(tokens: readonly Token[]): ConstraintFacts | undefined {
  const r = new Reader(tokens);
  const at = tokens[0]?.at;
  let name: string | undefined;
  if (r.eat('CONSTRAINT')) name = r.next()?.value;
  const cols = (): string[] => (r.peek()?.type === '(' ? items(r.group()).map((i) => (i[0] ? sfName(i[0]).name : '')) : []);
  const base = { ...(name !== undefined ? { name } : {}), ...(at !== undefined ? { at } : {}) };
  if (r.eat('PRIMARY', 'KEY')) return { type: 'primary-key', columns: cols(), ...base };
  if (r.eat('UNIQUE')) return { type: 'unique', columns: cols(), ...base };
  if (r.eat('FOREIGN', 'KEY')) {
    const columns = cols();
    let references: ConstraintFacts['references'];
    if (r.eat('REFERENCES')) {
      const target = r.name();
      const refCols = cols();
      if (target) references = { table: objectName(target.parts), columns: refCols };
    }
    return { type: 'foreign-key', columns, ...(references ? { references } : {}), ...base };
  }
  if (r.eat('CHECK')) return { type: 'check', columns: [], ...base };
  return undefined;
}

const KIND_OF_CREATE: Record<string, StatementKind> = { TABLE: 'create-table', INDEX: 'create-index' };

function option(tokens: readonly Token[], name: string): { value: number; at: number } | undefined {
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.type === 'word' && t.value === name && tokens[k + 1]?.text === '=' && tokens[k + 2]?.type === 'number') return { value: Number(tokens[k + 2]!.text), at: t.at };
  }
  return undefined;
}

function topLevel(tokens: readonly Token[], word: string): Token | undefined {
  let depth = 0;
  for (const t of tokens) {
    if (t.type === '(') depth++;
    else if (t.type === ')') depth--;
    else if (depth === 0 && t.type === 'word' && t.value === word) return t;
  }
  return undefined;
}

function hasStar(tokens: readonly Token[]): boolean {
  return tokens.some((t, k) => t.text === '*' && (tokens[k - 1]?.value === 'SELECT' || tokens[k - 1]?.value === 'DISTINCT' || tokens[k - 1]?.type === ',' || tokens[k - 1]?.type === '.') && (tokens[k + 1] === undefined || ['FROM', 'EXCLUDE', 'RENAME', 'REPLACE', 'ILIKE'].includes(tokens[k + 1]!.value) || tokens[k + 1]!.type === ',' || tokens[k + 1]!.type === ';' || tokens[k + 1]!.type === ')'));
}

export function parseSnowflake(stmt: RawStatement): ParsedStatement {
  const { tokens, error } = tokenize(stmt.text);
  if (error) return { ...stmt, kind: 'unparsed', facts: {}, ast: undefined, error };
  const r = new Reader(tokens);
  const w0 = tokens[0]?.type === 'word' ? tokens[0].value : '';
  const identifiers: SfName[] = [];
  const sf: { -readonly [K in keyof SnowflakeFacts]: SnowflakeFacts[K] } = { identifiers, ddl: DDL.has(w0) };
  const facts: Record<string, unknown> = { snowflake: sf };
  let kind: StatementKind = 'other';
  const done = (): ParsedStatement => ({ ...stmt, kind, facts: facts as StatementFacts, ast: tokens });

  if (w0 === 'CREATE') {
    r.k = 1;
    if (r.eat('OR', 'REPLACE')) sf.orReplace = true;
    for (;;) {
      if (r.eat('TRANSIENT')) sf.transient = true;
      else if (r.eat('TEMPORARY') || r.eat('TEMP') || r.eat('VOLATILE')) sf.temporary = true;
      else if (r.eat('LOCAL') || r.eat('GLOBAL') || r.eat('SECURE') || r.eat('RECURSIVE') || r.eat('HYBRID') || r.eat('DYNAMIC') || r.eat('ICEBERG') || r.eat('EXTERNAL') || r.eat('MATERIALIZED') || r.eat('UNIQUE')) continue;
      else break;
    }
    let object = r.next()?.value ?? '';
    if (object === 'FILE' && r.eat('FORMAT')) object = 'FILE FORMAT';
    if (object === 'MATERIALIZED' && r.eat('VIEW')) object = 'MATERIALIZED VIEW';
    sf.object = object;
    if (r.eat('IF', 'NOT', 'EXISTS')) sf.ifNotExists = true;
    const named = r.name();
    kind = KIND_OF_CREATE[object] ?? 'other';
    if (named) {
      const obj = objectName(named.parts);
      sf.objectName = { ...named.parts[named.parts.length - 1]!, ...(obj.schema !== undefined ? { schema: obj.schema } : {}), ...((obj as { database?: string }).database !== undefined ? { database: (obj as { database?: string }).database! } : {}) };
      identifiers.push(named.parts[named.parts.length - 1]!);
    }
    const rest = tokens.slice(r.k);
    if (topLevel(rest, 'COPY') && rest.some((t, k) => t.value === 'COPY' && rest[k + 1]?.value === 'GRANTS')) sf.copyGrants = true;
    const retention = option(rest, 'DATA_RETENTION_TIME_IN_DAYS');
    if (retention) sf.dataRetentionDays = retention;
    if (object === 'TABLE' && named) {
      const table = objectName(named.parts);
      const columns: ColumnFacts[] = [];
      const constraints: ConstraintFacts[] = [];
      let asSelect = false;
      if (r.peek()?.type === '(') {
        for (const item of items(r.group())) {
          const head = item[0]?.type === 'word' ? item[0].value : '';
          if (['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK'].includes(head)) {
            const c = readConstraint(item);
            if (c) constraints.push(c);
          } else {
            const c = readColumn(item, stmt.text);
            if (c) {
              columns.push(c);
              identifiers.push(sfName(item[0]!));
            }
          }
        }
      }
      const after = tokens.slice(r.k);
      if (topLevel(after, 'AS') || r.is('LIKE') || r.is('CLONE') || r.is('USING')) asSelect = true;
      const commentTok = after.findIndex((t, k) => t.value === 'COMMENT' && after[k + 1]?.text === '=');
      const ct: CreateTableFacts = {
        table,
        columns,
        constraints,
        ifNotExists: sf.ifNotExists === true,
        temporary: sf.temporary === true,
        partitioned: false,
        ...(asSelect ? { asSelect } : {}),
        ...(commentTok >= 0 && after[commentTok + 2]?.type === 'string' ? { comment: after[commentTok + 2]!.value } : {}),
      };
      facts.createTable = ct;
      facts.tables = [table];
      const as = topLevel(after, 'AS');
      if (as) facts.select = selectFacts(tokens.slice(tokens.indexOf(as) + 1));
    } else if (named) {
      facts.create = { object: object.toLowerCase(), name: objectName(named.parts) };
      if (object === 'VIEW' || object === 'MATERIALIZED VIEW') {
        if (r.peek()?.type === '(') for (const item of items(r.group())) if (item[0]) identifiers.push(sfName(item[0]));
        const as = topLevel(tokens.slice(r.k), 'AS');
        if (as) facts.select = selectFacts(tokens.slice(tokens.indexOf(as) + 1));
      }
    }
    return done();
  }

  if (w0 === 'ALTER' && tokens[1]?.value === 'TABLE') {
    kind = 'alter-table';
    r.k = 2;
    const ifExists = r.eat('IF', 'EXISTS');
    const named = r.name();
    if (!named) return done();
    const table = objectName(named.parts);
    sf.object = 'TABLE';
    sf.objectName = named.parts[named.parts.length - 1]!;
    const actions: AlterAction[] = [];
    const retention = option(tokens.slice(r.k), 'DATA_RETENTION_TIME_IN_DAYS');
    if (retention) sf.dataRetentionDays = retention;
    const at = r.peek()?.at;
    const withAt = <T extends object>(a: T): T => ({ ...a, ...(at !== undefined ? { at } : {}) });
    if (r.eat('ADD')) {
      if (r.is('CONSTRAINT') || r.is('PRIMARY') || r.is('UNIQUE') || r.is('FOREIGN') || r.is('CHECK')) {
        const c = readConstraint(tokens.slice(r.k));
        if (c) actions.push(withAt({ type: 'add-constraint', constraint: c }));
      } else {
        r.eat('COLUMN');
        const ine = r.eat('IF', 'NOT', 'EXISTS');
        for (let item of items(tokens.slice(r.k).filter((t) => t.type !== ';'))) {
          // tolerate the PostgreSQL-style repetition: ADD COLUMN a …, ADD COLUMN b …
          const ir = new Reader(item);
          if (ir.eat('ADD')) {
            ir.eat('COLUMN');
            ir.eat('IF', 'NOT', 'EXISTS');
            item = item.slice(ir.k);
          }
          const c = readColumn(item, stmt.text);
          if (c) {
            actions.push({ type: 'add-column', column: c, ...(ine ? { ifNotExists: true } : {}), ...(c.at !== undefined ? { at: c.at } : {}) });
            identifiers.push(sfName(item[0]!));
          }
        }
      }
    } else if (r.eat('DROP')) {
      if (r.eat('PRIMARY', 'KEY')) actions.push(withAt({ type: 'drop-constraint', name: 'PRIMARY KEY' }));
      else if (r.eat('CONSTRAINT')) actions.push(withAt({ type: 'drop-constraint', name: r.next()?.value ?? '' }));
      else if (r.is('CLUSTERING') || r.is('ROW') || r.is('SEARCH') || r.is('UNIQUE') || r.is('FOREIGN')) actions.push(withAt({ type: 'other', text: stmt.text.slice(at ?? 0) }));
      else {
        r.eat('COLUMN');
        r.eat('IF', 'EXISTS');
        for (const item of items(tokens.slice(r.k).filter((t) => t.type !== ';'))) if (item[0]) actions.push({ type: 'drop-column', column: sfName(item[0]).name, at: item[0].at });
      }
    } else if (r.eat('RENAME', 'TO')) {
      const to = r.name();
      if (to) {
        const last = to.parts[to.parts.length - 1]!;
        actions.push({ type: 'rename-table', to: last.name, at: last.at, ...(last.quoted ? {} : { caseInsensitive: true }) });
        identifiers.push(last);
      }
    } else if (r.eat('RENAME', 'COLUMN')) {
      const from = r.next();
      r.eat('TO');
      const to = r.next();
      if (from && to) {
        actions.push({ type: 'rename-column', from: sfName(from).name, to: sfName(to).name, at: from.at });
        identifiers.push(sfName(to));
      }
    } else if (r.eat('SWAP', 'WITH')) {
      actions.push(withAt({ type: 'other', text: 'SWAP WITH' }));
    } else if (r.eat('SET')) {
      for (const item of items(tokens.slice(r.k).filter((t) => t.type !== ';'))) {
        if (item[0]?.type === 'word') actions.push({ type: 'set-option', option: item[0].value, ...(item[2] ? { value: item[2].value } : {}), at: item[0].at });
      }
    } else if (r.is('ALTER') || r.is('MODIFY')) {
      r.k++;
      // ALTER [COLUMN] c SET DATA TYPE t | c TYPE t | c SET NOT NULL | c DROP NOT NULL | c SET DEFAULT x | c DROP DEFAULT | c COMMENT '…', …
      for (const item of items(tokens.slice(r.k).filter((t) => t.type !== ';'))) {
        const ir = new Reader(item);
        if (!ir.eat('ALTER')) ir.eat('MODIFY');
        ir.eat('COLUMN');
        const col = ir.next();
        if (!col) continue;
        const column = sfName(col).name;
        if (ir.eat('SET', 'DATA', 'TYPE') || ir.eat('TYPE')) {
          const t = readColumn([col, ...item.slice(ir.k)], stmt.text);
          if (t) actions.push({ type: 'alter-column-type', column, newType: t, at: col.at });
        } else if (ir.eat('SET', 'NOT', 'NULL')) actions.push({ type: 'set-not-null', column, at: col.at });
        else if (ir.eat('DROP', 'NOT', 'NULL')) actions.push({ type: 'drop-not-null', column, at: col.at });
        else if (ir.eat('SET', 'DEFAULT')) actions.push({ type: 'set-default', column, default: stmt.text.slice(item[ir.k]?.at ?? 0, (item[item.length - 1]?.at ?? 0) + (item[item.length - 1]?.text.length ?? 0)), at: col.at });
        else if (ir.eat('DROP', 'DEFAULT')) actions.push({ type: 'drop-default', column, at: col.at });
        else actions.push({ type: 'other', text: stmt.text.slice(col.at), at: col.at });
      }
    } else actions.push(withAt({ type: 'other', text: stmt.text.slice(at ?? 0) }));
    facts.alterTable = { table, actions, ...(ifExists ? { ifExists } : {}) };
    facts.tables = [table];
    return done();
  }

  if (w0 === 'ALTER' || w0 === 'DROP' || w0 === 'UNDROP') {
    r.k = 1;
    let object = r.next()?.value ?? '';
    if (object === 'FILE' && r.eat('FORMAT')) object = 'FILE FORMAT';
    if (object === 'MATERIALIZED' && r.eat('VIEW')) object = 'MATERIALIZED VIEW';
    sf.object = object;
    const ifExists = r.eat('IF', 'EXISTS');
    if (w0 === 'ALTER') {
      const named = r.name();
      if (named) sf.objectName = named.parts[named.parts.length - 1]!;
      const retention = option(tokens.slice(r.k), 'DATA_RETENTION_TIME_IN_DAYS');
      if (retention) sf.dataRetentionDays = retention;
      if (r.eat('RENAME', 'TO')) {
        const to = r.name();
        if (to) identifiers.push(to.parts[to.parts.length - 1]!);
      }
      return done();
    }
    const names: ObjectName[] = [];
    while (!r.done()) {
      const named = r.name();
      if (!named) break;
      names.push(objectName(named.parts));
      if (!r.eat(',')) break;
    }
    const cascade = r.is('CASCADE');
    if (w0 === 'DROP' && object === 'TABLE') {
      kind = 'drop-table';
      facts.dropTable = { tables: names, cascade, ifExists };
      facts.tables = names;
    } else if (w0 === 'DROP' && object === 'INDEX') {
      kind = 'drop-index';
      facts.dropIndex = { names, concurrently: false, ifExists };
    } else if (w0 === 'DROP') facts.drop = { object: object.toLowerCase(), names, cascade };
    if (names[0]) sf.objectName = { name: names[0].name, quoted: !(names[0] as { caseInsensitive?: boolean }).caseInsensitive, at: names[0].at ?? 0 };
    return done();
  }

  if (w0 === 'TRUNCATE') {
    r.k = 1;
    r.eat('TABLE');
    r.eat('IF', 'EXISTS');
    const named = r.name();
    if (named) facts.truncate = { tables: [objectName(named.parts)], cascade: false };
    return done();
  }

  if (w0 === 'INSERT') {
    kind = 'insert';
    r.k = 1;
    r.eat('OVERWRITE');
    if (r.eat('ALL') || r.eat('FIRST')) return done(); // multi-table insert
    r.eat('INTO');
    const named = r.name();
    const columns = r.peek()?.type === '(' ? items(r.group()).map((i) => (i[0] ? sfName(i[0]).name : '')) : undefined;
    let rows: number | undefined;
    if (r.eat('VALUES')) {
      rows = 0;
      while (r.peek()?.type === '(') {
        r.group();
        rows++;
        if (!r.eat(',')) break;
      }
    }
    const rest = tokens.slice(r.k);
    const orderBy = rest.findIndex((t, k) => t.value === 'ORDER' && rest[k + 1]?.value === 'BY');
    facts.dml = {
      ...(named ? { table: objectName(named.parts) } : {}),
      hasWhere: topLevel(rest, 'WHERE') !== undefined,
      ...(columns ? { columns } : {}),
      ...(rows !== undefined ? { rows } : {}),
      ...(orderBy >= 0 ? { hasOrderBy: true, orderByRandom: /^(RANDOM|UNIFORM)$/.test(rest[orderBy + 2]?.value ?? '') } : {}),
    };
    if (named) facts.tables = [objectName(named.parts)];
    if (rest.some((t) => t.value === 'SELECT')) facts.select = selectFacts(rest.slice(rest.findIndex((t) => t.value === 'SELECT') + 1));
    return done();
  }

  if (w0 === 'UPDATE' || w0 === 'DELETE') {
    kind = w0 === 'UPDATE' ? 'update' : 'delete';
    r.k = 1;
    r.eat('FROM');
    const named = r.name();
    const rest = tokens.slice(r.k);
    facts.dml = { ...(named ? { table: objectName(named.parts) } : {}), hasWhere: topLevel(rest, 'WHERE') !== undefined };
    if (named) facts.tables = [objectName(named.parts)];
    return done();
  }

  if (w0 === 'SELECT' || w0 === 'WITH') {
    kind = 'select';
    let body = tokens;
    if (w0 === 'WITH') {
      // skip the CTEs: name [(cols)] AS (…) [, …]
      let depth = 0;
      let k = 1;
      for (; k < tokens.length; k++) {
        const t = tokens[k]!;
        if (t.type === '(') depth++;
        else if (t.type === ')') depth--;
        else if (depth === 0 && t.type === 'word' && ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'MERGE'].includes(t.value) && tokens[k - 1]?.type === ')') break;
      }
      body = tokens.slice(k);
      const verb = body[0]?.value;
      if (verb && verb !== 'SELECT') {
        const inner = parseSnowflake({ ...stmt, text: stmt.text.slice(0, body[0]!.at).replace(/[^\n]/g, ' ') + stmt.text.slice(body[0]!.at) });
        return { ...inner, text: stmt.text, span: stmt.span };
      }
    }
    facts.select = selectFacts(body.slice(1));
    return done();
  }

  if (w0 === 'MERGE') {
    r.k = 1;
    r.eat('INTO');
    const named = r.name();
    if (named) facts.tables = [objectName(named.parts)];
    return done();
  }

  if (w0 === 'USE') {
    kind = 'set';
    r.k = 1;
    const object = ['DATABASE', 'SCHEMA', 'ROLE', 'WAREHOUSE', 'SECONDARY'].includes(r.peek()?.value ?? '') ? r.next()!.value : 'DATABASE';
    const named = r.name();
    sf.use = { object, name: named ? named.parts.map((p) => p.name).join('.') : '' };
    return done();
  }
  if (w0 === 'SET' || w0 === 'UNSET' || (w0 === 'ALTER' && tokens[1]?.value === 'SESSION')) {
    kind = 'set';
    const name = tokens[1]?.type === 'word' ? tokens[1].value : '';
    facts.set = { name, value: tokens.slice(3).map((t) => t.text).join(' ') };
    return done();
  }
  if ((w0 === 'BEGIN' && (tokens.length === 1 || tokens[1]?.type === ';' || ['TRANSACTION', 'WORK', 'NAME'].includes(tokens[1]?.value ?? ''))) || (w0 === 'START' && tokens[1]?.value === 'TRANSACTION')) {
    kind = 'transaction';
    facts.transaction = 'begin';
    return done();
  }
  if (w0 === 'COMMIT' || w0 === 'ROLLBACK') {
    kind = 'transaction';
    facts.transaction = w0 === 'COMMIT' ? 'commit' : 'rollback';
    return done();
  }
  if (w0 === 'BEGIN' || w0 === 'DECLARE' || (w0 === 'EXECUTE' && tokens[1]?.value === 'IMMEDIATE')) {
    sf.block = true;
    return done();
  }
  return done();
}

function selectFacts(tokens: readonly Token[]): { star: boolean; hasWhere: boolean; hasFrom: boolean } {
  return { star: hasStar([{ type: 'word', text: 'SELECT', value: 'SELECT', at: -1 }, ...tokens]), hasWhere: topLevel(tokens, 'WHERE') !== undefined, hasFrom: topLevel(tokens, 'FROM') !== undefined };
}
