/**
 * Result columns of a Snowflake query traced to table columns by bb's own reader: Snowflake's result
 * metadata names no origin. Only what is certain is traced — a plain column reference (aliased or
 * not) or a * over base tables of the outermost SELECT; everything else (expressions, subqueries,
 * UNION, CTEs, view columns) stays untraced and the core masks it whenever the query touches a
 * masked column (src/query/mask.ts). A view's base columns (relationSources) are all the columns of
 * every table its definition reads, transitively: more than it uses, never less.
 */
import type { ColumnSource, ResultColumn } from '../../src/engine.js';
import { tokenize, type Token } from './parse.js';
import { relationAt, relations, type Relation } from './query.js';

/** A catalog lookup: INFORMATION_SCHEMA rows for the current database. */
export type Lookup = <R>(sql: string, params: readonly unknown[]) => Promise<readonly R[]>;

interface RelationInfo {
  readonly schema: string;
  readonly table: string;
  readonly view: boolean;
  readonly columns: readonly string[];
}

/** Clauses after FROM: a comma in them separates no relations. */
const CLAUSES = new Set(['WHERE', 'GROUP', 'ORDER', 'HAVING', 'QUALIFY', 'LIMIT', 'OFFSET', 'FETCH', 'WINDOW']);

const isName = (t: Token | undefined): boolean => t?.type === 'word' || t?.type === 'quoted';

export class Tracer {
  private readonly cache = new Map<string, Promise<RelationInfo | undefined>>();

  constructor(private readonly lookup: Lookup, private readonly currentSchema: () => Promise<string>) {}

  /** A table or view of the current database, or undefined when the catalog does not know it. */
  info(r: { readonly schema?: string; readonly table: string }): Promise<RelationInfo | undefined> {
    const key = `${r.schema ?? ''}.${r.table}`;
    let found = this.cache.get(key);
    if (!found) {
      found = (async () => {
        const schema = r.schema ?? (await this.currentSchema());
        const kinds = await this.lookup<{ TABLE_TYPE: string }>('SELECT TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?', [schema, r.table]);
        if (kinds.length === 0) return undefined;
        const columns = await this.lookup<{ COLUMN_NAME: string }>('SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION', [schema, r.table]);
        return { schema, table: r.table, view: kinds[0]!.TABLE_TYPE === 'VIEW', columns: columns.map((c) => c.COLUMN_NAME) };
      })();
      this.cache.set(key, found);
    }
    return found;
  }

  /** Every column of every base table a view reads, through views of views. */
  async sources(r: { readonly schema?: string; readonly table: string }, seen = new Set<string>()): Promise<ColumnSource[]> {
    const info = await this.info(r);
    if (!info?.view || seen.has(`${info.schema}.${info.table}`)) return [];
    seen.add(`${info.schema}.${info.table}`);
    const rows = await this.lookup<{ VIEW_DEFINITION: string | null }>('SELECT VIEW_DEFINITION FROM INFORMATION_SCHEMA.VIEWS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?', [info.schema, info.table]);
    const out: ColumnSource[] = [];
    for (const rel of relations(tokenize(rows[0]?.VIEW_DEFINITION ?? '').tokens)) {
      const inner = await this.info({ schema: rel.schema ?? info.schema, table: rel.table });
      if (!inner) continue;
      if (inner.view) out.push(...(await this.sources(inner, seen)));
      else out.push(...inner.columns.map((column) => ({ schema: inner.schema, table: inner.table, column })));
    }
    return out;
  }

  /** The result columns named `names` (as the server returned them), traced where certain. */
  async trace(sql: string, names: readonly string[]): Promise<ResultColumn[]> {
    const untraced = names.map((name) => ({ name }));
    const traced = await this.traceSelect(tokenize(sql).tokens).catch(() => undefined);
    if (!traced || traced.length !== names.length) return untraced;
    return names.map((name, i) => (traced[i] ? { name, source: traced[i]! } : { name }));
  }

  /** One entry per output column of the outermost SELECT (undefined: not traced); undefined when the shape is not a plain SELECT. */
  private async traceSelect(tokens: readonly Token[]): Promise<(ColumnSource | undefined)[] | undefined> {
    if (tokens[0]?.value !== 'SELECT') return undefined;
    let depth = 0;
    let from = -1;
    for (const [k, t] of tokens.entries()) {
      if (t.type === '(') depth++;
      else if (t.type === ')') depth--;
      else if (depth === 0 && t.type === 'word') {
        if (['UNION', 'INTERSECT', 'EXCEPT', 'MINUS'].includes(t.value)) return undefined;
        if (t.value === 'FROM' && from === -1) from = k;
      }
    }
    let start = 1;
    if (tokens[1]?.value === 'DISTINCT' || tokens[1]?.value === 'ALL') start = 2;
    if (tokens[start]?.value === 'TOP') start += 2;
    const items = splitTop(tokens.slice(start, from === -1 ? tokens.length : from));
    const rels = from === -1 ? [] : await this.fromClause(tokens, from);
    if (!rels) return undefined;
    const out: (ColumnSource | undefined)[] = [];
    for (const item of items) {
      // * and t.*: every column of the relation(s); a view's or a subquery's are not traced.
      if (item.length === 1 && item[0]!.value === '*') {
        for (const r of rels) {
          if (!r.info) return undefined;
          out.push(...r.info.columns.map((c) => source(r.info!, c)));
        }
        continue;
      }
      if (item.length === 3 && isName(item[0]) && item[1]!.type === '.' && item[2]!.value === '*') {
        const r = rels.find((x) => x.name === item[0]!.value);
        if (!r?.info) return undefined;
        out.push(...r.info.columns.map((c) => source(r.info!, c)));
        continue;
      }
      out.push(columnRef(item, rels));
    }
    return out;
  }

  /** The relations of the outermost FROM and its JOINs; an entry without info is a subquery or unknown. */
  private async fromClause(tokens: readonly Token[], from: number): Promise<{ name: string; info?: RelationInfo }[] | undefined> {
    const out: { name: string; info?: RelationInfo }[] = [];
    let depth = 0;
    for (let k = from; k < tokens.length; k++) {
      const t = tokens[k]!;
      if (t.type === '(') depth++;
      else if (t.type === ')') depth--;
      if (depth === 0 && t.type === 'word' && CLAUSES.has(t.value)) break;
      if (depth !== 0 || !(t.value === 'FROM' || t.value === 'JOIN' || (t.type === ',' && k > from))) continue;
      if (tokens[k + 1]?.type === '(') {
        out.push({ name: aliasAfterGroup(tokens, k + 1) ?? '' });
        continue;
      }
      const r = relationAt(tokens, k + 1);
      if (!r) return undefined;
      const info = await this.info(r.relation);
      const rel = r.relation as Relation;
      out.push({ name: rel.alias ?? rel.table, ...(info && !info.view ? { info } : {}) });
    }
    return out;
  }
}

function source(info: RelationInfo, column: string): ColumnSource {
  return { schema: info.schema, table: info.table, column };
}

/** `col`, `t.col`, either with `[AS] alias`: the base column it reads, when certain. */
function columnRef(item: readonly Token[], rels: readonly { name: string; info?: RelationInfo }[]): ColumnSource | undefined {
  let ref = item;
  // `x AS a`, `x a`, `t.x a`: the alias dropped.
  if (ref.length >= 2 && isName(ref[ref.length - 1]) && (ref.length === 2 || ref[ref.length - 2]!.value === 'AS' || (ref.length === 4 && ref[1]!.type === '.'))) {
    ref = ref.slice(0, ref.length - (ref[ref.length - 2]!.value === 'AS' ? 2 : 1));
  }
  if (ref.length === 1 && isName(ref[0])) {
    const column = ref[0]!.value;
    const holders = rels.filter((r) => !r.info || r.info.columns.includes(column));
    if (holders.length !== 1 || !holders[0]!.info) return undefined;
    return source(holders[0]!.info, column);
  }
  if (ref.length === 3 && isName(ref[0]) && ref[1]!.type === '.' && isName(ref[2])) {
    const r = rels.find((x) => x.name === ref[0]!.value);
    if (!r?.info || !r.info.columns.includes(ref[2]!.value)) return undefined;
    return source(r.info, ref[2]!.value);
  }
  return undefined;
}

function aliasAfterGroup(tokens: readonly Token[], open: number): string | undefined {
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    if (tokens[k]!.type === '(') depth++;
    else if (tokens[k]!.type === ')' && --depth === 0) {
      const next = tokens[k + 1]?.value === 'AS' ? tokens[k + 2] : tokens[k + 1];
      return isName(next) ? next!.value : undefined;
    }
  }
  return undefined;
}

/** Splits at top-level commas. */
function splitTop(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.type === '(') depth++;
    else if (t.type === ')') depth--;
    if (depth === 0 && t.type === ',') out.push([]);
    else out[out.length - 1]!.push(t);
  }
  return out.filter((i) => i.length > 0);
}
