import { defineRule } from '../src/lint/types.js';
import { estimatedRows, notYetLive } from './_util/live.js';
import { isMysqlFamily, mysqlEstimatedRows } from './_util/mysql-live.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'statement.affected-row-limit',
    engines: ['postgres', 'mysql'],
    kinds: ['update', 'delete'],
    category: 'statement',
    defaultLevel: 'warning',
    recommended: true,
    requiresConnection: true,
    description: 'Limit the rows one UPDATE or DELETE changes (estimated with EXPLAIN on the target)',
    rationale: 'A migration that updates or deletes millions of rows holds row locks and one transaction for a long time, bloats the table and the WAL, and can stall replicas. Change big data sets in batches outside the migration. bb asks the environment given with --env for the planner\'s estimate (EXPLAIN, which runs nothing).',
    payload: { number: { type: 'number', default: 1000, min: 0, integer: true, description: 'Maximum estimated rows one statement may change' } },
    messages: { rows: '{{verb}} on {{table}} changes about {{rows}} rows (estimated on the target); the limit is {{max}}' },
    examples: { bad: 'DELETE FROM events;', good: 'DELETE FROM events WHERE id = 42;' },
  },
  async checkLive(stmt, ctx) {
    if (notYetLive(stmt, ctx)) return [];
    let rows: number;
    try {
      rows = isMysqlFamily(ctx.engine) ? await mysqlEstimatedRows(ctx.db, stmt.text) : await estimatedRows(ctx.db, stmt.text);
    } catch {
      return []; // a statement the server cannot plan is statement.dml-dry-run's finding
    }
    if (rows <= ctx.payload.number) return [];
    return [{ messageId: 'rows', data: { verb: stmt.kind === 'update' ? 'UPDATE' : 'DELETE', table: qualified(stmt.facts.dml!.table!), rows, max: ctx.payload.number } }];
  },
});
