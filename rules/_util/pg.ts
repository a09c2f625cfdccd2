/**
 * Helpers over libpg-query trees (PostgreSQL rules only). `stmt.ast` of a PostgreSQL statement is the
 * RawStmt's inner node, e.g. `{ AlterTableStmt: { … } }`.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export type PgNode = any;

/** The statement's node type and body: ['AlterTableStmt', {...}]. */
export function pgNode(ast: unknown): [string, PgNode] | [undefined, undefined] {
  if (!ast || typeof ast !== 'object') return [undefined, undefined];
  const type = Object.keys(ast)[0];
  return type ? [type, (ast as Record<string, PgNode>)[type]] : [undefined, undefined];
}

/** Visits every typed node (keys starting with an upper-case letter), depth first. */
export function pgWalk(node: PgNode, visit: (type: string, value: PgNode) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) pgWalk(item, visit);
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (value && typeof value === 'object') {
      if (!Array.isArray(value) && key.charCodeAt(0) >= 65 && key.charCodeAt(0) <= 90) visit(key, value);
      pgWalk(value, visit);
    }
  }
}

export function pgNames(list: PgNode): string[] {
  return Array.isArray(list) ? list.map((n: PgNode) => n?.String?.sval ?? '') : [];
}

/** Function name (last part, lower case) of a FuncCall node. */
export function funcName(call: PgNode): string {
  return (pgNames(call?.funcname).pop() ?? '').toLowerCase();
}
