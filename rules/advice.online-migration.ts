import { defineRule } from '../src/lint/types.js';
import { mysqlTableRows } from './_util/mysql-live.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'advice.online-migration',
    engines: ['mysql'],
    kinds: ['alter-table'],
    category: 'advice',
    defaultLevel: 'error',
    recommended: false,
    requiresConnection: true,
    description: 'Advise an online schema change tool (gh-ost, pt-online-schema-change) for ALTER TABLE on very large tables',
    rationale: 'Even an in-place ALTER TABLE on a table with hundreds of millions of rows runs for hours, lags replicas for as long, and cannot be paused. gh-ost or pt-online-schema-change copy the table in throttled chunks and swap it at the end. bb reads the row estimate (information_schema.TABLES) from the environment given with --env.',
    payload: { number: { type: 'number', default: 100_000_000, min: 0, integer: true, description: 'Row estimate from which an ALTER TABLE should run through an online schema change tool' } },
    messages: { online: 'ALTER TABLE {{table}}: about {{rows}} rows on the target (limit {{max}}); run this change with gh-ost or pt-online-schema-change' },
    examples: { bad: 'ALTER TABLE events ADD COLUMN note text;', good: 'ALTER TABLE small_lookup ADD COLUMN note text;' },
  },
  async checkLive(stmt, ctx) {
    const table = stmt.facts.alterTable?.table ?? stmt.facts.tables?.[0];
    if (!table || ctx.createdInFile(qualified(table))) return [];
    let rows: number | undefined;
    try {
      rows = await mysqlTableRows(ctx.db, table);
    } catch {
      return [];
    }
    if (rows === undefined || rows <= ctx.payload.number) return [];
    return [{ messageId: 'online', data: { table: qualified(table), rows, max: ctx.payload.number } }];
  },
});
