import { defineRule } from '../src/lint/types.js';
import { newColumns } from './_util/columns.js';

export default defineRule({
  meta: {
    id: 'column.maximum-varchar-length',
    engines: ['snowflake', 'mysql'],
    kinds: ['create-table', 'alter-table'],
    category: 'column',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Limit the declared length of VARCHAR columns',
    rationale: 'A declared length is a contract with the tools that read the table: BI tools and loaders size buffers and target columns from it, and a VARCHAR(16777216) copied into another database fails or wastes space.',
    payload: { number: { type: 'number', default: 2560, min: 0, integer: true, description: 'Largest allowed VARCHAR length' } },
    messages: { long: 'Column {{column}} of {{table}} is {{type}}; the limit is VARCHAR({{max}})' },
    examples: { bad: 'CREATE TABLE NOTES (ID NUMBER PRIMARY KEY, BODY VARCHAR(100000));', good: 'CREATE TABLE NOTES (ID NUMBER PRIMARY KEY, BODY VARCHAR(2000));' },
  },
  *check(stmt, ctx) {
    for (const n of newColumns(stmt.facts)) {
      const c = n.column;
      if (c.type !== 'varchar' || c.typeArgs.length === 0) continue;
      const length = c.typeArgs[0]!;
      if (length > ctx.payload.number) yield { messageId: 'long', data: { column: c.name, table: n.table, type: c.typeText, max: ctx.payload.number }, ...(n.at !== undefined ? { at: n.at } : {}) };
    }
    for (const a of stmt.facts.alterTable?.actions ?? []) {
      if (a.type !== 'alter-column-type' || a.newType.type !== 'varchar') continue;
      const length = a.newType.typeArgs[0];
      if (length !== undefined && length > ctx.payload.number) yield { messageId: 'long', data: { column: a.column, table: stmt.facts.alterTable!.table.name, type: a.newType.typeText, max: ctx.payload.number }, ...(a.at !== undefined ? { at: a.at } : {}) };
    }
  },
});
