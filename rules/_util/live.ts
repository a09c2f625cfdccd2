/** Shared helpers of the rules that ask a live PostgreSQL database (EXPLAIN). */
import type { ParsedStatement } from '../../src/engine.js';
import type { StatementFacts } from '../../src/lint/facts.js';
import type { LiveDb, RuleContext } from '../../src/lint/types.js';
import { qualified } from './names.js';

/**
 * True when the live database cannot be expected to know the statement's table yet: the table is
 * created or changed earlier in this file, or by a migration that is not applied on the target.
 */
export function notYetLive(stmt: ParsedStatement & { facts: StatementFacts }, ctx: RuleContext<object>): boolean {
  const table = stmt.facts.dml?.table;
  if (!table) return true;
  const name = qualified(table).toLowerCase();
  if (ctx.createdInFile(name)) return true;
  return ctx.previous.some((p) => (p.facts.tables ?? []).some((t) => qualified(t).toLowerCase() === name) && p.kind !== 'insert' && p.kind !== 'update' && p.kind !== 'delete' && p.kind !== 'select');
}

/** EXPLAIN (FORMAT JSON): the estimated rows of the plan under ModifyTable. Throws the server's error. */
export async function estimatedRows(db: LiveDb, sql: string): Promise<number> {
  const rows = await db.query<Record<string, unknown>>(`EXPLAIN (FORMAT JSON) ${sql.replace(/;\s*$/, '')}`);
  const raw = rows[0]?.['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: { 'Plan Rows': number; 'Node Type': string; Plans?: { 'Plan Rows': number }[] } }[];
  const top = plan[0]!.Plan;
  if (top['Node Type'] === 'ModifyTable') return Math.max(0, ...(top.Plans ?? []).map((p) => p['Plan Rows']));
  return top['Plan Rows'];
}
