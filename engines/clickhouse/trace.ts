/**
 * Where bb query's result columns come from, on ClickHouse: the server's own analysis of the query
 * (EXPLAIN QUERY TREE, the analyzer's resolved tree), not bb's parser. Every result column is followed
 * to the table it reads: through aliases, `*`, subqueries, CTEs, UNION, JOIN … USING, views (a
 * view's stored SELECT is explained in turn), and Distributed, Merge and Buffer tables, the merge()
 * table function and dictionaries (to the tables they read, named by their engine arguments or their
 * SOURCE). A column that is a plain table column gets `source`; an
 * expression gets `derivedFrom`, every table column it reads (lower(email) is derived from email, and
 * so is a table's ALIAS or MATERIALIZED column computed from it); a
 * column bb cannot follow (a constant, a table function, a tree it does not know) gets neither, and is
 * masked when the query touches a masked column (src/query/mask.ts): when any column anywhere in the
 * tree is masked, or the query reads tables by name at run time (mergeTreeIndex(), dictGet(), …; `reads`).
 */
import type { ColumnSource, ResultColumn } from '../../src/engine.js';
import { quoteIdent } from './history.js';
import { tokenize, type Token, type TokenType } from './parse.js';

/** A catalog query with `{p1:String}`, `{p2:String}` … placeholders. */
export type Lookup = <R>(sql: string, params: readonly unknown[]) => Promise<R[]>;

interface Node {
  readonly text: string;
  readonly kind: string;
  readonly id?: string;
  readonly children: Node[];
}

interface Tree {
  readonly root: Node;
  readonly byId: ReadonlyMap<string, Node>;
}

/**
 * What a node's values are made of; undefined = cannot tell. `exact`: the table columns whose values
 * these are (several for a column of a table that reads other tables, underlying(): its own and
 * those of the tables it reads); with `derived`, a MATERIALIZED or DEFAULT column, its own values or
 * computed from `derived`.
 */
export type Trace = { readonly exact: readonly ColumnSource[]; readonly derived: readonly ColumnSource[] } | undefined;

/** How many views and tables that read other tables (underlying()) deep a column is followed. */
const MAX_DEPTH = 8;

interface Relation {
  readonly engine: string;
  /** A view's stored SELECT. */
  readonly select: string;
  /** MATERIALIZED and DEFAULT columns' expressions, by column. */
  readonly computed: ReadonlyMap<string, string>;
  /** system.tables.engine_full: a Distributed, Merge, Buffer or Dictionary table's arguments name the tables it reads. */
  readonly engineFull: string;
  /** system.tables.create_table_query: a dictionary's SOURCE names the table it is loaded from (dictionarySource()). */
  readonly definition: string;
}
interface Table {
  readonly database: string;
  readonly name: string;
}
const VIEW_ENGINES = new Set(['View', 'MaterializedView', 'LiveView', 'WindowView']);
/** Engines whose rows are other tables' rows (underlying(); a dictionary's, dictionarySource()). */
const READS_OTHERS = new Set(['Distributed', 'Merge', 'Buffer', 'Dictionary']);

/**
 * The tables a Distributed, Merge, Buffer or Dictionary table reads, from its engine_full (where the
 * server has already evaluated the arguments to literals: Distributed('cluster', 'db', 'events_local',
 * rand()), Merge('db', '^events_'), Merge(REGEXP('^db'), '^events_'), Buffer('db', 'events', 1, …),
 * Dictionary('db.events_dict')): one table by name, the tables whose names match a regular expression
 * in a database (or in the databases matching one), a dictionary by the name the server resolves
 * (Tracer.dictionary()), or none (`own`: a Buffer that flushes nowhere, or a dictionary loaded
 * from outside ClickHouse, holds only its own rows).
 * Undefined: another engine, or arguments bb cannot read.
 */
export type Underlying =
  | { readonly kind: 'table'; readonly database: string; readonly table: string }
  | { readonly kind: 'match'; readonly database: string; readonly databaseIsRegexp: boolean; readonly tableRegexp: string }
  | { readonly kind: 'dictionary'; readonly name: string }
  | { readonly kind: 'own' };

export function underlying(engineFull: string): Underlying | undefined {
  const { tokens, error } = tokenize(engineFull);
  if (error || tokens[0]?.type !== 'word' || tokens[1]?.type !== '(') return undefined;
  return fromArguments(tokens[0].text, argumentsAt(tokens, 2));
}

/** The comma-separated arguments from `start` (just inside a parenthesis) to the parenthesis that closes it. */
function argumentsAt(tokens: readonly Token[], start: number): Token[][] {
  const args: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens.slice(start)) {
    if (t.type === '(') depth++;
    if (t.type === ')' && depth-- === 0) break;
    if (t.type === ',' && depth === 0) args.push([]);
    else args.at(-1)!.push(t);
  }
  return args;
}

/** A name is a string literal or an identifier (bare: its text, not the upper-cased value). */
function nameIn(arg: readonly Token[] | undefined): string | undefined {
  const t = arg?.length === 1 ? arg[0]! : undefined;
  return t?.type === 'string' || t?.type === 'quoted' ? t.value : t?.type === 'word' ? t.text : undefined;
}

/** What an engine (or the table function that takes the same arguments) reads, by its arguments. */
function fromArguments(engine: string, args: readonly (readonly Token[])[]): Underlying | undefined {
  if (engine === 'Distributed') {
    const database = nameIn(args[1]);
    const table = nameIn(args[2]);
    return database && table ? { kind: 'table', database, table } : undefined;
  }
  if (engine === 'Buffer') {
    const database = nameIn(args[0]);
    const table = nameIn(args[1]);
    if (table === '') return { kind: 'own' };
    return database && table ? { kind: 'table', database, table } : undefined;
  }
  if (engine === 'Merge' && args.length === 2) {
    const first = args[0]!;
    const regexp = first.length === 4 && first[0]!.value === 'REGEXP' && first[1]!.type === '(' && first[3]!.type === ')' ? nameIn([first[2]!]) : undefined;
    const database = regexp ?? nameIn(first);
    const tableRegexp = nameIn(args[1]);
    return database !== undefined && tableRegexp !== undefined ? { kind: 'match', database, databaseIsRegexp: regexp !== undefined, tableRegexp } : undefined;
  }
  if (engine === 'Dictionary' && args.length === 1) {
    const name = nameIn(args[0]);
    return name ? { kind: 'dictionary', name } : undefined;
  }
  return undefined;
}

/** SOURCE(CLICKHOUSE(…)) keys that change neither the server nor the table a dictionary is loaded from. */
const LOCAL_SOURCE_KEYS = new Set(['DB', 'TABLE', 'WHERE', 'USER', 'PASSWORD', 'UPDATE_FIELD', 'UPDATE_LAG', 'INVALIDATE_QUERY']);

/**
 * The table a dictionary in `database` is loaded from, by its CREATE DICTIONARY as the server keeps
 * it (system.tables.create_table_query; system.dictionaries.source says it only once the dictionary
 * is loaded, without the host, and with names unquoted). SOURCE(CLICKHOUSE(TABLE 't' [DB 'd'])):
 * that table, in the dictionary's own database unless DB says. A source outside ClickHouse (MYSQL,
 * FILE, HTTP, …): `own`, its rows are its own. Undefined when bb cannot name the table: a QUERY, a
 * HOST or PORT (another server, perhaps), a named collection, or an attribute computed by an
 * EXPRESSION (its values are not the source column of its name).
 */
export function dictionarySource(definition: string, database: string): Underlying | undefined {
  const { tokens, error } = tokenize(definition);
  if (error || tokens[0]?.value !== 'CREATE' || tokens[1]?.value !== 'DICTIONARY') return undefined;
  let depth = 0;
  let source = -1;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.type === '(') depth++;
    else if (t.type === ')') depth--;
    else if (t.type === 'word' && t.value === 'EXPRESSION' && depth === 1) return undefined;
    else if (t.type === 'word' && t.value === 'SOURCE' && depth === 0 && tokens[k + 1]?.type === '(') {
      source = k;
      break;
    }
  }
  const type = tokens[source + 2];
  if (source < 0 || type?.type !== 'word' || tokens[source + 3]?.type !== '(') return undefined;
  if (type.value !== 'CLICKHOUSE') return { kind: 'own' };
  const settings = new Map<string, string>();
  const [pairs] = argumentsAt(tokens, source + 4);
  if (!pairs || pairs.length % 2 !== 0) return undefined;
  for (let k = 0; k < pairs.length; k += 2) {
    const key = pairs[k]!;
    const value = nameIn([pairs[k + 1]!]) ?? (pairs[k + 1]!.type === 'number' ? pairs[k + 1]!.value : undefined);
    if (key.type !== 'word' || !LOCAL_SOURCE_KEYS.has(key.value) || value === undefined) return undefined;
    settings.set(key.value, value);
  }
  const table = settings.get('TABLE');
  return table ? { kind: 'table', database: settings.get('DB') || database, table } : undefined;
}

/**
 * Table functions that make rows from their arguments alone. Every other one (remote(), cluster(),
 * loop(), mergeTreeIndex(), view(), …) but those in READS_LIKE_ENGINE reads tables by name when it
 * runs, which the tree does not follow: the query is opaque, and its untraced columns are masked.
 */
const GENERATORS = new Set(['numbers', 'numbers_mt', 'zeros', 'zeros_mt', 'generaterandom', 'generate_series', 'generateseries', 'values', 'null', 'primes']);
/**
 * Table functions that read what the engine of the same arguments reads: followed as that engine's
 * tables are. (dictionary() would be too, but readonly = 1 refuses it, as it does loop().)
 */
const READS_LIKE_ENGINE: Readonly<Record<string, string>> = { merge: 'Merge' };
const functionName = (node: Node): string => (prop(node, 'table_function_name') ?? '').toLowerCase();
/** Functions that read a dictionary or a Join table by name (dictGet, dictGetOrDefault, dictHas, joinGet, …). */
const BY_NAME = /^(dict|joinget)/i;

/** ReadQueryResult.reads. */
export interface Reads {
  readonly columns: readonly ColumnSource[];
  readonly opaque: boolean;
}

/** The EXPLAIN QUERY TREE text as nodes, by indentation (two spaces a level). */
export function parseTree(lines: readonly string[]): Tree | undefined {
  const top: Node[] = [];
  const stack: { indent: number; node: Node }[] = [];
  const byId = new Map<string, Node>();
  for (const line of lines) {
    if (line.trim() === '') continue;
    const indent = line.length - line.trimStart().length;
    const text = line.trim();
    const m = /^([A-Z_]+) id: (\d+)/.exec(text);
    const node: Node = { text, kind: m ? m[1]! : text, ...(m ? { id: m[2]! } : {}), children: [] };
    if (m && !byId.has(m[2]!)) byId.set(m[2]!, node);
    while (stack.length > 0 && stack.at(-1)!.indent >= indent) stack.pop();
    (stack.at(-1)?.node.children ?? top).push(node);
    stack.push({ indent, node });
  }
  const root = top[0];
  return root && (root.kind === 'QUERY' || root.kind === 'UNION') ? { root, byId } : undefined;
}

const prop = (node: Node, name: string): string | undefined => {
  const m = new RegExp(`(?:^|, )${name}: (.*?)(?=, [a-z_]+: |$)`).exec(node.text.replace(/^[A-Z_]+ /, ''));
  return m?.[1];
};
const section = (node: Node, name: string): Node | undefined => node.children.find((c) => c.kind === name);

/** "lower(email) Nullable(String)", "total Decimal(10, 2)": the name is before the type, the last space outside parentheses. */
function nameOf(line: string): string {
  let depth = 0;
  for (let i = line.length - 1; i > 0; i--) {
    const ch = line[i];
    if (ch === ')') depth++;
    else if (ch === '(') depth--;
    else if (ch === ' ' && depth === 0) return line.slice(0, i);
  }
  return line;
}

/** A QUERY's projection: the result columns' names (as the tree spells them) and their expressions. */
function projection(query: Node): { names: string[]; nodes: Node[] } | undefined {
  const names = section(query, 'PROJECTION COLUMNS')?.children.map((c) => nameOf(c.text)) ?? [];
  const list = section(query, 'PROJECTION')?.children[0];
  const nodes = list?.children ?? [];
  return nodes.length === names.length ? { names, nodes } : undefined;
}

/** The queries whose projections make up a QUERY or UNION's result, position by position. */
function queriesOf(node: Node): Node[] {
  if (node.kind === 'QUERY') return [node];
  if (node.kind !== 'UNION') return [];
  const list = section(node, 'QUERIES')?.children[0];
  return (list?.children ?? []).flatMap(queriesOf);
}

/** Is `node` a table, or a table function that reads tables as an engine does (READS_LIKE_ENGINE)? */
const readsTables = (node: Node): boolean => node.kind === 'TABLE' || (node.kind === 'TABLE_FUNCTION' && READS_LIKE_ENGINE[functionName(node)] !== undefined);

const token = (type: TokenType, text: string): Token => ({ type, text, value: text, at: 0 });
const nameToken = (name: string): Token => token('quoted', name);

/**
 * A table function's argument as the analyzer leaves it, as tokens fromArguments() reads: a string
 * constant (its literal, which may span ", name: " — hence the type at the end), an identifier, or
 * REGEXP('…'); undefined for anything else.
 */
function argumentTokens(node: Node): Token[] | undefined {
  const constant = /^CONSTANT id: \d+, constant_value: (.*), constant_value_type: String$/.exec(node.text);
  if (constant) {
    const { tokens, error } = tokenize(constant[1]!);
    return !error && tokens.length === 1 && tokens[0]!.type === 'string' ? tokens : undefined;
  }
  const identifier = /^IDENTIFIER id: \d+, identifier: (.*)$/.exec(node.text);
  if (identifier) return [nameToken(identifier[1]!)];
  const inner = node.kind === 'FUNCTION' && prop(node, 'function_name') === 'REGEXP' ? section(node, 'ARGUMENTS')?.children[0]?.children : undefined;
  const pattern = inner?.length === 1 ? argumentTokens(inner[0]!) : undefined;
  return pattern?.[0]?.type === 'string' ? [token('word', 'REGEXP'), token('(', '('), pattern[0], token(')', ')')] : undefined;
}

const key = (s: ColumnSource): string => `${s.schema ?? ''}.${s.table}.${s.column}`;
/** Every table column a trace names. */
const named = (t: Trace): ColumnSource[] => (t ? [...t.exact, ...t.derived] : []);
function merge(traces: readonly Trace[]): Trace {
  const derived = new Map<string, ColumnSource>();
  for (const t of traces) {
    if (!t) return undefined;
    for (const s of named(t)) derived.set(key(s), s);
  }
  return { exact: [], derived: [...derived.values()] };
}

export class Tracer {
  private readonly relations = new Map<string, Promise<Relation | undefined>>();
  /** table()'s traces: the projection's trace and reads() both follow the same columns into their views. */
  private readonly columns = new Map<string, Promise<Trace>>();
  /** functionTables(), by TABLE_FUNCTION node: the projection's trace and reads() both ask. */
  private readonly functions = new Map<Node, Promise<Table[] | undefined>>();
  private current: Promise<string> | undefined;

  constructor(private readonly lookup: Lookup) {}

  /** The tree of a SELECT; undefined when the server cannot explain it (an older server without the analyzer). */
  async explain(sql: string): Promise<Tree | undefined> {
    const rows = await this.lookup<{ explain: string }>(`EXPLAIN QUERY TREE ${sql}`, []);
    return parseTree(rows.map((r) => String(r.explain)));
  }

  /**
   * What each result column of a SELECT reads, in order (undefined when the tree's projection is not
   * one bb can follow), and what the whole query reads (ReadQueryResult.reads); undefined when the
   * server cannot explain it (a server without the analyzer).
   */
  async trace(sql: string): Promise<{ readonly columns: readonly Trace[] | undefined; readonly reads: Reads } | undefined> {
    const tree = await this.explain(sql).catch(() => undefined);
    if (!tree) return undefined;
    const first = queriesOf(tree.root)[0];
    const width = first ? projection(first)?.names.length : undefined;
    const columns = width === undefined ? undefined : await this.result(tree, tree.root, width, 0);
    return { columns, reads: await this.reads(tree) };
  }

  /**
   * Every table column anywhere in the tree (the analyzer has expanded `*`, so tuple(*) and (*,) list
   * their columns), followed into views and computed columns. The projection's traces alone do not
   * say whether the query touches a masked column: bb's reader misses a `*` inside a function.
   */
  private async reads(tree: Tree, depth = 0): Promise<Reads> {
    const columns = new Map<string, ColumnSource>();
    let opaque = false;
    const visit = async (node: Node): Promise<void> => {
      if (node.kind === 'TABLE_FUNCTION' && !GENERATORS.has(functionName(node)) && !(await this.functionTables(node))) opaque = true;
      if (node.kind === 'FUNCTION' && BY_NAME.test(prop(node, 'function_name') ?? '')) opaque = true;
      if (node.kind === 'COLUMN') {
        const source = tree.byId.get(prop(node, 'source_id') ?? '');
        const name = prop(node, 'column_name');
        // Columns of subqueries are read inside them (visited too); a table's column is followed
        // into its view or computed expression, and one bb cannot follow there counts as opaque.
        if (source && readsTables(source) && name) {
          const t = await this.relationColumn(source, name, depth);
          if (!t) opaque = true;
          for (const s of named(t)) columns.set(key(s), s);
        }
      }
      for (const c of node.children) await visit(c);
    };
    await visit(tree.root);
    return { columns: [...columns.values()], opaque };
  }

  /**
   * Every table column a relation reads: a view's (transitively), the columns of the tables a table
   * that reads other tables reads (underlying(); none bb can name for a column it cannot follow);
   * empty for a table.
   */
  async sources(database: string, name: string): Promise<ColumnSource[]> {
    const rel = await this.relation(database, name);
    const out = new Map<string, ColumnSource>();
    if (rel && READS_OTHERS.has(rel.engine)) {
      const columns = await this.lookup<{ name: string }>('SELECT name FROM system.columns WHERE database = {p1:String} AND table = {p2:String}', [database, name]);
      for (const c of columns) for (const s of named(await this.tableColumn(database, name, String(c.name), 0))) out.set(key(s), s);
      return [...out.values()];
    }
    if (!rel || !VIEW_ENGINES.has(rel.engine) || !rel.select) return [];
    const tree = await this.explain(rel.select);
    if (!tree) return [];
    const visit = async (node: Node): Promise<void> => {
      if (node.kind === 'COLUMN') {
        for (const s of named(await this.node(tree, node, 1))) out.set(key(s), s);
      }
      for (const c of node.children) await visit(c);
    };
    await visit(tree.root);
    return [...out.values()];
  }

  private async result(tree: Tree, node: Node, width: number, depth: number): Promise<Trace[] | undefined> {
    const projections = queriesOf(node).map(projection);
    if (projections.length === 0 || projections.some((p) => !p || p.nodes.length !== width)) return undefined;
    const out: Trace[] = [];
    for (let i = 0; i < width; i++) {
      const each = await Promise.all(projections.map((p) => this.node(tree, p!.nodes[i]!, depth)));
      out.push(each.length === 1 ? each[0] : merge(each));
    }
    return out;
  }

  /** The column at `name` of a QUERY or UNION node (a subquery, a CTE, a view's SELECT). */
  private async columnOf(tree: Tree, node: Node, name: string, depth: number): Promise<Trace> {
    const first = queriesOf(node)[0];
    const p = first && projection(first);
    const index = p ? p.names.indexOf(name) : -1;
    if (index < 0) return undefined;
    const all = await this.result(tree, node, p!.names.length, depth);
    return all?.[index];
  }

  private async node(tree: Tree, node: Node, depth: number): Promise<Trace> {
    if (node.kind === 'COLUMN') return this.column(tree, node, depth);
    if (node.kind === 'CONSTANT' && node.children.length === 0) return undefined;
    // An expression (function, scalar subquery, lambda, …): what every column under it reads.
    const parts: Trace[] = [];
    const visit = async (n: Node): Promise<void> => {
      for (const c of n.children) {
        if (c.kind === 'COLUMN') {
          const source = tree.byId.get(prop(c, 'source_id') ?? '');
          if (source?.kind !== 'LAMBDA') parts.push(await this.column(tree, c, depth)); // a lambda's argument is its input, traced where it is passed
        } else await visit(c);
      }
    };
    await visit(node);
    const merged = merge(parts);
    return merged && merged.derived.length > 0 ? merged : undefined;
  }

  private async column(tree: Tree, node: Node, depth: number): Promise<Trace> {
    const name = prop(node, 'column_name');
    const source = tree.byId.get(prop(node, 'source_id') ?? '');
    if (!name || !source) return undefined;
    const expression = section(node, 'EXPRESSION');
    if (expression) {
      // JOIN … USING's column (both sides), or a table's ALIAS column (its expression).
      const inner = await this.node(tree, { ...expression, kind: 'EXPRESSION' }, depth);
      const own = source.kind === 'TABLE' ? await this.table(source, name, depth) : undefined;
      return merge([inner, ...(own ? [own] : [])]);
    }
    if (readsTables(source)) return this.relationColumn(source, name, depth);
    if (source.kind === 'QUERY' || source.kind === 'UNION') return this.columnOf(tree, source, name, depth);
    return undefined;
  }

  /** A column of a TABLE node, or of a table function that reads tables as an engine does (readsTables()). */
  private async relationColumn(node: Node, column: string, depth: number): Promise<Trace> {
    if (node.kind === 'TABLE') return this.table(node, column, depth);
    return this.throughTables(await this.functionTables(node), column, depth);
  }

  private async table(node: Node, column: string, depth: number): Promise<Trace> {
    const qualified = prop(node, 'table_name');
    const dot = qualified?.indexOf('.') ?? -1;
    if (!qualified || dot < 0) return undefined;
    return this.tableColumn(qualified.slice(0, dot), qualified.slice(dot + 1), column, depth);
  }

  private tableColumn(schema: string, table: string, column: string, depth: number): Promise<Trace> {
    const id = `${schema}\u0000${table}\u0000${column}\u0000${depth}`;
    let trace = this.columns.get(id);
    if (!trace) this.columns.set(id, (trace = this.followTable(schema, table, column, depth)));
    return trace;
  }

  private async followTable(schema: string, table: string, column: string, depth: number): Promise<Trace> {
    const own: ColumnSource = { schema, table, column };
    const rel = await this.relation(schema, table);
    if (!rel) return undefined;
    if (READS_OTHERS.has(rel.engine)) {
      // A dictionary's own row in system.tables has no engine arguments (its SOURCE names the
      // table); a Dictionary table's arguments name the dictionary.
      const under = rel.engine === 'Dictionary' && rel.engineFull === '' ? dictionarySource(rel.definition, schema) : underlying(rel.engineFull);
      return this.throughTables(await this.tablesOf(under, own), column, depth, own);
    }
    if (!VIEW_ENGINES.has(rel.engine)) {
      // A MATERIALIZED (or DEFAULT) column stores what its expression computes: upper(email) is
      // email's. What the expression reads, not its trace: one that reads no column (DEFAULT 'y',
      // DEFAULT now()) leaves the column a plain column, not an untraceable one.
      const expression = rel.computed.get(column);
      if (!expression || depth >= MAX_DEPTH) return { exact: [own], derived: [] };
      const tree = await this.explain(`SELECT ${expression} FROM ${quoteIdent(schema)}.${quoteIdent(table)}`).catch(() => undefined);
      const inner = tree ? await this.reads(tree, depth + 1) : undefined;
      if (!inner || inner.opaque) return undefined;
      return { exact: [own], derived: inner.columns.filter((s) => key(s) !== key(own)) };
    }
    if (!rel.select || depth >= MAX_DEPTH) return undefined;
    const tree = await this.explain(rel.select).catch(() => undefined);
    const inner = tree ? await this.columnOf(tree, tree.root, column, depth + 1) : undefined;
    if (!inner) return undefined;
    // A view column that is a table column is that column; an expression keeps the view's name too.
    return inner.exact.length > 0 ? inner : { exact: [], derived: [own, ...inner.derived] };
  }

  /**
   * A Distributed table's column holds its local table's values (as the table of that name is on
   * this server), a Buffer table's those of the table it flushes to besides its own, a dictionary's
   * those of its source table, a Merge table's or merge()'s those of each table it reads: the column
   * is all of them at once, its own name included (`own`; a table function has none), so a rule
   * naming any of them applies. A table bb cannot name (`tables` undefined) or follow leaves the
   * column untraceable.
   */
  private async throughTables(tables: readonly Table[] | undefined, column: string, depth: number, own?: ColumnSource): Promise<Trace> {
    if (!tables || depth >= MAX_DEPTH) return undefined;
    const exact = new Map<string, ColumnSource>();
    const derived = new Map<string, ColumnSource>();
    for (const t of tables) {
      const trace = await this.tableColumn(t.database, t.name, column, depth + 1);
      if (!trace) return undefined;
      for (const s of trace.exact) exact.set(key(s), s);
      for (const s of trace.derived) derived.set(key(s), s);
    }
    if (own) exact.set(key(own), own);
    return { exact: [...exact.values()], derived: [...derived.values()].filter((s) => !exact.has(key(s))) };
  }

  /** The tables `under` reads, as they are on this server; undefined when bb cannot name them. `own` is never among them. */
  private async tablesOf(under: Underlying | undefined, own?: ColumnSource): Promise<Table[] | undefined> {
    switch (under?.kind) {
      case undefined:
        return undefined;
      case 'own':
        return [];
      case 'table':
        return [{ database: under.database, name: under.table }];
      case 'dictionary': {
        const found = await this.dictionary(under.name);
        return found ? [found] : undefined;
      }
      case 'match': {
        const rows = await this.lookup<{ database: string; name: string }>(
          // The server's match() is the Merge engine's own (re2, unanchored); a Merge table never reads itself.
          `SELECT database, name FROM system.tables WHERE ${under.databaseIsRegexp ? 'match(database, {p1:String})' : 'database = {p1:String}'} AND match(name, {p2:String}) AND NOT (database = {p3:String} AND name = {p4:String}) ORDER BY database, name`,
          [under.database, under.tableRegexp, own?.schema ?? '', own?.table ?? ''],
        );
        return rows.map((r) => ({ database: String(r.database), name: String(r.name) }));
      }
    }
  }

  /**
   * The dictionary a Dictionary table names, found as the server finds it: one from its
   * configuration files by that name first (bb cannot see its source: undefined), then `db.name`,
   * then a name without a dot in the query's current database (not the Dictionary table's own).
   * Any other name (two dots, a dot at an end) the server does not split: undefined.
   */
  private async dictionary(name: string): Promise<Table | undefined> {
    const configured = await this.lookup<{ name: string }>("SELECT name FROM system.dictionaries WHERE database = '' AND name = {p1:String}", [name]);
    if (configured.length > 0) return undefined;
    const parts = name.split('.');
    if (parts.some((p) => p === '') || parts.length > 2) return undefined;
    return parts.length === 2 ? { database: parts[0]!, name: parts[1]! } : { database: await this.currentDatabase(), name };
  }

  private currentDatabase(): Promise<string> {
    this.current ??= this.lookup<{ d: string }>('SELECT currentDatabase() AS d', []).then((rows) => String(rows[0]?.d ?? 'default'));
    return this.current;
  }

  /**
   * The tables a table function in READS_LIKE_ENGINE reads, from the arguments the analyzer has
   * evaluated to constants (merge(currentDatabase(), '^t') is merge('default', '^t')); undefined for
   * any other table function, or arguments that are not names.
   */
  private functionTables(node: Node): Promise<Table[] | undefined> {
    let found = this.functions.get(node);
    if (!found) {
      found = (async () => {
        const engine = READS_LIKE_ENGINE[functionName(node)];
        const list = section(node, 'ARGUMENTS')?.children[0];
        const args = (list?.children ?? []).map(argumentTokens);
        if (!engine || args.some((a) => !a)) return undefined;
        // merge('^t'): the tables of the current database.
        if (engine === 'Merge' && args.length === 1) args.unshift([nameToken(await this.currentDatabase())]);
        return this.tablesOf(fromArguments(engine, args as Token[][]));
      })();
      this.functions.set(node, found);
    }
    return found;
  }

  private relation(database: string, name: string): Promise<Relation | undefined> {
    const k = `${database}.${name}`;
    let found = this.relations.get(k);
    if (!found) {
      found = (async () => {
        const rows = await this.lookup<{ engine: string; as_select: string; engine_full: string; create_table_query: string }>('SELECT engine, as_select, engine_full, create_table_query FROM system.tables WHERE database = {p1:String} AND name = {p2:String}', [database, name]);
        if (!rows[0]) return undefined;
        const computed = await this.lookup<{ name: string; expr: string }>(
          "SELECT name, default_expression AS expr FROM system.columns WHERE database = {p1:String} AND table = {p2:String} AND default_kind IN ('MATERIALIZED', 'DEFAULT') AND default_expression != ''",
          [database, name],
        );
        return {
          engine: String(rows[0].engine),
          select: String(rows[0].as_select ?? ''),
          computed: new Map(computed.map((c) => [String(c.name), String(c.expr)])),
          engineFull: String(rows[0].engine_full ?? ''),
          definition: String(rows[0].create_table_query ?? ''),
        };
      })();
      this.relations.set(k, found);
    }
    return found;
  }
}

/** The result's own names (in order) with what the tree says of each; nothing when the counts differ. */
export function resultColumns(names: readonly string[], traces: readonly Trace[] | undefined): ResultColumn[] {
  const known = traces && traces.length === names.length ? traces : undefined;
  return names.map((name, i) => {
    const t = known?.[i];
    const [source, ...alsoFrom] = t?.exact ?? [];
    if (t && source) return { name, source, ...(alsoFrom.length > 0 ? { alsoFrom } : {}), ...(t.derived.length > 0 ? { derivedFrom: t.derived } : {}) };
    if (t && t.derived.length > 0) return { name, derivedFrom: t.derived };
    return { name };
  });
}
