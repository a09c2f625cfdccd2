import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

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
    const listed = new Set(ctx.payload.list.map((t) => t.toLowerCase()));
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
    const verb = (/^\s*(\w+)/.exec(stmt.text.replace(/^(\s|--[^\n]*\n|#[^\n]*\n|\/\*[\s\S]*?\*\/)*/, ''))?.[1] ?? stmt.kind).toUpperCase();
    const done = new Set<string>();
    for (const t of tables) {
      const name = qualified(t).toLowerCase();
      if (done.has(name) || !(listed.has(name) || listed.has(t.name.toLowerCase()))) continue;
      done.add(name);
      yield { messageId: 'disallowed', data: { verb, table: qualified(t) }, ...(t.at !== undefined ? { at: t.at } : {}) };
    }
  },
});
