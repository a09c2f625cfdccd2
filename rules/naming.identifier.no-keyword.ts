import { defineRule } from '../src/lint/types.js';
import type { StatementFacts } from '../src/lint/facts.js';
import { isMysqlReserved } from './_util/mysql-ast.js';
import { isSnowflakeKeyword, snowflakeFacts } from './_util/snowflake.js';

export default defineRule({
  meta: {
    id: 'naming.identifier.no-keyword',
    engines: ['snowflake', 'mysql'],
    kinds: ['*'],
    category: 'naming',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Forbid reserved keywords as names of tables, columns, views and other objects',
    rationale: 'An object or column named after a reserved keyword (ORDER, GROUP, VALUES) must be quoted everywhere it is used; one unquoted use is a syntax error, often found only in production queries.',
    payload: {},
    messages: { keyword: 'Identifier {{name}} is a reserved keyword in {{engine}}' },
    examples: { bad: 'CREATE TABLE SALES (ID NUMBER PRIMARY KEY, "ORDER" NUMBER);', good: 'CREATE TABLE SALES (ID NUMBER PRIMARY KEY, ORDER_NO NUMBER);' },
    whenOff: 'Turn it off for a legacy schema whose names cannot change.',
  },
  *check(stmt, ctx) {
    if (ctx.engine === 'mysql' || ctx.engine === 'tidb') {
      for (const id of mysqlIdentifiers(stmt.facts)) {
        if (isMysqlReserved(id.name)) yield { messageId: 'keyword', data: { name: id.name, engine: 'MySQL' }, ...(id.at !== undefined ? { at: id.at } : {}) };
      }
      return;
    }
    for (const id of snowflakeFacts(stmt.facts)?.identifiers ?? []) {
      if (isSnowflakeKeyword(id.name)) yield { messageId: 'keyword', data: { name: id.name, engine: 'Snowflake' }, at: id.at };
    }
  },
});

/** The names a MySQL statement defines: tables, columns, indexes, constraints, views and routines, renames. */
function mysqlIdentifiers(f: StatementFacts): { name: string; at?: number }[] {
  const out: { name: string; at?: number }[] = [];
  const add = (name: string | undefined, at?: number): void => { if (name) out.push({ name, ...(at !== undefined ? { at } : {}) }); };
  if (f.createTable) {
    add(f.createTable.table.name, f.createTable.table.at);
    for (const c of f.createTable.columns) add(c.name, c.at);
    for (const c of f.createTable.constraints) add(c.name);
  }
  for (const a of f.alterTable?.actions ?? []) {
    if (a.type === 'add-column' || a.type === 'modify-column' || a.type === 'change-column') add(a.column.name, a.at);
    else if (a.type === 'rename-column' || a.type === 'rename-table') add(a.to, a.at);
    else if (a.type === 'add-index') add(a.index.name, a.at);
    else if (a.type === 'add-constraint') add(a.constraint.name, a.at);
  }
  if (f.createIndex) add(f.createIndex.name, f.createIndex.at);
  if (f.create?.name) add(f.create.name.name, f.create.name.at);
  if (f.renameTable) add(f.renameTable.to.name);
  return out;
}
