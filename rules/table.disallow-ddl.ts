import { defineRule } from '../src/lint/types.js';
import { leadingVerb, listedTables, qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'table.disallow-ddl',
    engines: ['mysql'],
    kinds: ['create-table', 'alter-table', 'drop-table', 'create-index', 'drop-index', 'other', 'unparsed'],
    category: 'table',
    defaultLevel: 'error',
    recommended: false,
    description: 'Forbid schema changes (CREATE, ALTER, DROP, RENAME, TRUNCATE, indexes) on the listed tables',
    rationale: 'Some tables are owned by another team or process (a vendor schema, a table an ETL job rebuilds); a migration in this project must not change their structure.',
    payload: { list: { type: 'list', default: [], description: 'Tables (name or db.name) that no migration may touch this way' } },
    examplePayload: { list: ['orders'] },
    messages: { disallowed: '{{verb}} on {{table}} is not allowed (table.disallow-ddl lists it)' },
    examples: { bad: 'ALTER TABLE orders ADD COLUMN note text;', good: 'ALTER TABLE users ADD COLUMN note text;' },
  },
  *check(stmt, ctx) {
    if (ctx.payload.list.length === 0) return;
    const f = stmt.facts;
    if (stmt.kind === 'insert' || stmt.kind === 'update' || stmt.kind === 'delete' || stmt.kind === 'select' || stmt.kind === 'set' || stmt.kind === 'transaction') return;
    const tables = [
      ...(f.createTable ? [f.createTable.table] : []),
      ...(f.alterTable ? [f.alterTable.table] : []),
      ...(f.dropTable?.tables ?? []),
      ...(f.createIndex ? [f.createIndex.table] : []),
      ...(f.truncate?.tables ?? []),
      ...(f.renameTable ? [f.renameTable.from] : []),
      ...(stmt.kind === 'drop-index' || stmt.kind === 'unparsed' || f.create?.object === 'trigger' ? f.tables ?? [] : []),
    ];
    const verb = leadingVerb(stmt.text, stmt.kind);
    for (const t of listedTables(tables, ctx.payload.list)) {
      yield { messageId: 'disallowed', data: { verb, table: qualified(t) }, ...(t.at !== undefined ? { at: t.at } : {}) };
    }
  },
});
