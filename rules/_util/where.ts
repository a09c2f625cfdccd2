/** WHERE-clause helpers over libpg-query trees, and a text check for every engine. */
import { funcName, pgNode, pgWalk, type PgNode } from './pg.js';

/**
 * Whether the statement's text has the word WHERE at all: without it there is no WHERE clause, and a
 * rule that looks inside WHERE clauses need not read `ast`, which may cost a parse (docs/lint.md).
 */
export const mentionsWhere = (text: string): boolean => /\bWHERE\b/i.test(text);

/** The WHERE clauses of a statement (top level and every nested SELECT). */
export function whereClauses(ast: unknown): PgNode[] {
  const out: PgNode[] = [];
  const [, body] = pgNode(ast);
  if (body?.whereClause) out.push(body.whereClause);
  // Nested SELECTs that are not already inside a collected WHERE (so nothing is reported twice).
  const inside = new Set<PgNode>();
  for (const w of out) pgWalk(w, (type, value) => { if (type === 'SelectStmt') inside.add(value); });
  pgWalk(body, (type, value) => {
    if (type === 'SelectStmt' && value.whereClause && !inside.has(value)) {
      out.push(value.whereClause);
      pgWalk(value.whereClause, (t, v) => { if (t === 'SelectStmt') inside.add(v); });
    }
  });
  return out;
}

/** LIKE/ILIKE patterns that start with % or _ (no index can be used). */
export function leadingWildcards(where: PgNode): { pattern: string; at: number }[] {
  const out: { pattern: string; at: number }[] = [];
  pgWalk(where, (type, value) => {
    if (type !== 'A_Expr' || !['AEXPR_LIKE', 'AEXPR_ILIKE'].includes(value.kind)) return;
    const pattern = value.rexpr?.A_Const?.sval?.sval;
    if (typeof pattern === 'string' && /^[%_]/.test(pattern)) out.push({ pattern, at: value.location ?? 0 });
  });
  return out;
}

const ARITHMETIC = new Set(['+', '-', '*', '/', '%', '^', '||']);
const isColumn = (n: PgNode): boolean => !!n?.ColumnRef;

/** Functions or arithmetic applied to a column inside a WHERE clause. */
export function calculationsOnColumns(where: PgNode): { what: string; at: number }[] {
  const out: { what: string; at: number }[] = [];
  pgWalk(where, (type, value) => {
    if (type === 'FuncCall' && (value.args ?? []).some(isColumn)) out.push({ what: `${funcName(value)}()`, at: value.location ?? 0 });
    if (type === 'A_Expr' && value.kind === 'AEXPR_OP') {
      const op = value.name?.[0]?.String?.sval;
      if (ARITHMETIC.has(op) && (isColumn(value.lexpr) || isColumn(value.rexpr))) out.push({ what: `"${op}"`, at: value.location ?? 0 });
    }
  });
  return out;
}
