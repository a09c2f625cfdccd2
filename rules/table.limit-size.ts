import { defineRule } from '../src/lint/types.js';
import { mysqlTableRows } from './_util/mysql-live.js';
import { leadingVerb, qualified } from './_util/names.js';
import type { ObjectName } from '../src/lint/facts.js';

export default defineRule({
  meta: {
    id: 'table.limit-size',
    engines: ['mysql'],
    kinds: ['alter-table', 'drop-table', 'create-index', 'drop-index', 'other'],
    category: 'table',
    defaultLevel: 'warning',
    recommended: false,
    requiresConnection: true,
    description: 'Warn about DDL on tables with many rows (counted on the target)',
    rationale: 'ALTER TABLE, index builds, TRUNCATE and DROP on a table with millions of rows can copy or scan it for minutes to hours, with metadata locks that queue every other query. bb reads the row estimate (information_schema.TABLES) from the environment given with --env; plan such changes with an online schema change tool or a maintenance window.',
    payload: { number: { type: 'number', default: 10_000_000, min: 0, integer: true, description: 'Maximum estimated rows of a table a DDL statement may change' } },
    messages: { big: '{{verb}} on {{table}}, which has about {{rows}} rows on the target; the limit is {{max}}' },
    examples: { bad: 'ALTER TABLE events ADD COLUMN note text;', good: 'ALTER TABLE small_lookup ADD COLUMN note text;' },
  },
  async checkLive(stmt, ctx) {
    const f = stmt.facts;
    const tables: ObjectName[] = [
      ...(f.alterTable ? [f.alterTable.table] : stmt.kind === 'alter-table' ? f.tables ?? [] : []),
      ...(f.dropTable?.tables ?? []),
      ...(f.createIndex ? [f.createIndex.table] : []),
      ...(stmt.kind === 'drop-index' ? f.tables ?? [] : []),
      ...(f.truncate?.tables ?? []),
      ...(f.renameTable ? [f.renameTable.from] : []),
    ];
    const verb = leadingVerb(stmt.text, stmt.kind, 2);
    const problems = [];
    for (const t of tables) {
      if (ctx.createdInFile(qualified(t))) continue;
      let rows: number | undefined;
      try {
        rows = await mysqlTableRows(ctx.db, t);
      } catch {
        continue;
      }
      if (rows !== undefined && rows > ctx.payload.number) problems.push({ messageId: 'big' as const, data: { verb, table: qualified(t), rows, max: ctx.payload.number } });
    }
    return problems;
  },
});
