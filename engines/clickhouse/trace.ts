/**
 * Where bb query's result columns come from, on ClickHouse: the server's own analysis of the query
 * (EXPLAIN QUERY TREE, the analyzer's resolved tree), not bb's parser. Every result column is followed
 * to the table it reads: through aliases, `*`, subqueries, CTEs, UNION, JOIN … USING, and views (a
 * view's stored SELECT is explained in turn). A column that is a plain table column gets `source`; an
 * expression gets `derivedFrom`, every table column it reads (lower(email) is derived from email, and
 * so is a table's ALIAS or MATERIALIZED column computed from it); a
 * column bb cannot follow (a constant, a table function, a tree it does not know) gets neither, and is
 * masked when the query touches a masked column (src/query/mask.ts): when any column anywhere in the
 * tree is masked, or the query reads tables by name at run time (merge(), dictGet(), …; `reads`).
 */
import type { ColumnSource, ResultColumn } from '../../src/engine.js';
import { quoteIdent } from './history.js';

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
 * What a node's values are made of; undefined = cannot tell. `exact` with `derived`: a MATERIALIZED or
 * DEFAULT column, its own values or computed from `derived`.
 */
export type Trace = { readonly exact?: ColumnSource; readonly derived: readonly ColumnSource[] } | undefined;

const MAX_VIEW_DEPTH = 8;

interface Relation {
  readonly engine: string;
  /** A view's stored SELECT. */
  readonly select: string;
  /** MATERIALIZED and DEFAULT columns' expressions, by column. */
  readonly computed: ReadonlyMap<string, string>;
}
const VIEW_ENGINES = new Set(['View', 'MaterializedView', 'LiveView', 'WindowView']);

/**
 * Table functions that make rows from their arguments alone. Every other one (merge(), remote(),
 * cluster(), loop(), mergeTreeIndex(), view(), dictionary(), …) reads tables by name when it runs,
 * which the tree does not follow: the query is opaque, and its untraced columns are masked.
 */
const GENERATORS = new Set(['numbers', 'numbers_mt', 'zeros', 'zeros_mt', 'generaterandom', 'generate_series', 'generateseries', 'values', 'null', 'primes']);
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

const key = (s: ColumnSource): string => `${s.schema ?? ''}.${s.table}.${s.column}`;
function merge(traces: readonly Trace[]): Trace {
  const derived = new Map<string, ColumnSource>();
  for (const t of traces) {
    if (!t) return undefined;
    for (const s of [...(t.exact ? [t.exact] : []), ...t.derived]) derived.set(key(s), s);
  }
  return { derived: [...derived.values()] };
}

export class Tracer {
  private readonly relations = new Map<string, Promise<Relation | undefined>>();
  /** table()'s traces: the projection's trace and reads() both follow the same columns into their views. */
  private readonly columns = new Map<string, Promise<Trace>>();

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
      if (node.kind === 'TABLE_FUNCTION' && !GENERATORS.has((prop(node, 'table_function_name') ?? '').toLowerCase())) opaque = true;
      if (node.kind === 'FUNCTION' && BY_NAME.test(prop(node, 'function_name') ?? '')) opaque = true;
      if (node.kind === 'COLUMN') {
        const source = tree.byId.get(prop(node, 'source_id') ?? '');
        const name = prop(node, 'column_name');
        // Columns of subqueries are read inside them (visited too); a table's column is followed
        // into its view or computed expression, and one bb cannot follow there counts as opaque.
        if (source?.kind === 'TABLE' && name) {
          const t = await this.table(source, name, depth);
          if (!t) opaque = true;
          for (const s of [...(t?.exact ? [t.exact] : []), ...(t?.derived ?? [])]) columns.set(key(s), s);
        }
      }
      for (const c of node.children) await visit(c);
    };
    await visit(tree.root);
    return { columns: [...columns.values()], opaque };
  }

  /** Every table column a relation (a view, transitively) reads; empty for a table. */
  async sources(database: string, name: string): Promise<ColumnSource[]> {
    const rel = await this.relation(database, name);
    if (!rel || !VIEW_ENGINES.has(rel.engine) || !rel.select) return [];
    const tree = await this.explain(rel.select);
    if (!tree) return [];
    const out = new Map<string, ColumnSource>();
    const visit = async (node: Node): Promise<void> => {
      if (node.kind === 'COLUMN') {
        const t = await this.node(tree, node, 1);
        for (const s of [...(t?.exact ? [t.exact] : []), ...(t?.derived ?? [])]) out.set(key(s), s);
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
    if (source.kind === 'TABLE') return this.table(source, name, depth);
    if (source.kind === 'QUERY' || source.kind === 'UNION') return this.columnOf(tree, source, name, depth);
    return undefined;
  }

  private table(node: Node, column: string, depth: number): Promise<Trace> {
    const id = `${prop(node, 'table_name') ?? ''}\u0000${column}\u0000${depth}`;
    let trace = this.columns.get(id);
    if (!trace) this.columns.set(id, (trace = this.followTable(node, column, depth)));
    return trace;
  }

  private async followTable(node: Node, column: string, depth: number): Promise<Trace> {
    const qualified = prop(node, 'table_name');
    const dot = qualified?.indexOf('.') ?? -1;
    if (!qualified || dot < 0) return undefined;
    const schema = qualified.slice(0, dot);
    const table = qualified.slice(dot + 1);
    const own: ColumnSource = { schema, table, column };
    const rel = await this.relation(schema, table);
    if (!rel) return undefined;
    if (!VIEW_ENGINES.has(rel.engine)) {
      // A MATERIALIZED (or DEFAULT) column stores what its expression computes: upper(email) is
      // email's. What the expression reads, not its trace: one that reads no column (DEFAULT 'y',
      // DEFAULT now()) leaves the column a plain column, not an untraceable one.
      const expression = rel.computed.get(column);
      if (!expression || depth >= MAX_VIEW_DEPTH) return { exact: own, derived: [] };
      const tree = await this.explain(`SELECT ${expression} FROM ${quoteIdent(schema)}.${quoteIdent(table)}`).catch(() => undefined);
      const inner = tree ? await this.reads(tree, depth + 1) : undefined;
      if (!inner || inner.opaque) return undefined;
      return { exact: own, derived: inner.columns.filter((s) => key(s) !== key(own)) };
    }
    if (!rel.select || depth >= MAX_VIEW_DEPTH) return undefined;
    const tree = await this.explain(rel.select).catch(() => undefined);
    const inner = tree ? await this.columnOf(tree, tree.root, column, depth + 1) : undefined;
    if (!inner) return undefined;
    // A view column that is a table column is that column; an expression keeps the view's name too.
    return inner.exact ? inner : { derived: [own, ...inner.derived] };
  }

  private relation(database: string, name: string): Promise<Relation | undefined> {
    const k = `${database}.${name}`;
    let found = this.relations.get(k);
    if (!found) {
      found = (async () => {
        const rows = await this.lookup<{ engine: string; as_select: string }>('SELECT engine, as_select FROM system.tables WHERE database = {p1:String} AND name = {p2:String}', [database, name]);
        if (!rows[0]) return undefined;
        const computed = await this.lookup<{ name: string; expr: string }>(
          "SELECT name, default_expression AS expr FROM system.columns WHERE database = {p1:String} AND table = {p2:String} AND default_kind IN ('MATERIALIZED', 'DEFAULT') AND default_expression != ''",
          [database, name],
        );
        return { engine: String(rows[0].engine), select: String(rows[0].as_select ?? ''), computed: new Map(computed.map((c) => [String(c.name), String(c.expr)])) };
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
    if (t?.exact) return { name, source: t.exact, ...(t.derived.length > 0 ? { derivedFrom: t.derived } : {}) };
    if (t && t.derived.length > 0) return { name, derivedFrom: t.derived };
    return { name };
  });
}
