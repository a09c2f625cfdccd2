import type { ColumnFacts } from '../src/lint/facts.js';
import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

/** Declared length in characters of a text column; TEXT types count their maximum. Undefined for other types. */
function textLength(c: ColumnFacts): number | undefined {
  switch (c.type) {
    case 'char': case 'varchar': case 'binary': case 'varbinary': return c.typeArgs[0] ?? 1;
    case 'tinytext': case 'tinyblob': return 255;
    case 'text': case 'blob': return 65_535;
    case 'mediumtext': case 'mediumblob': return 16_777_215;
    case 'longtext': case 'longblob': return 4_294_967_295;
    default: return undefined;
  }
}

export default defineRule({
  meta: {
    id: 'table.text-fields-total-length',
    engines: ['mysql'],
    kinds: ['create-table', 'alter-table'],
    category: 'table',
    defaultLevel: 'warning',
    recommended: true,
    usesSchema: true,
    description: 'Limit the total declared length of the text columns of a table',
    rationale: 'MySQL rows are limited to 65,535 bytes and InnoDB pages to about 8 KB in-row; a table with many wide CHAR/VARCHAR/TEXT columns hits "Row size too large" or moves data off-page, which makes every read slower. TEXT types count their maximum length.',
    payload: { number: { type: 'number', default: 1000, min: 0, integer: true, description: 'Maximum sum of the declared lengths of CHAR, VARCHAR, BINARY, VARBINARY, TEXT and BLOB columns' } },
    messages: { total: 'The text columns of {{table}} add up to {{total}} characters; the limit is {{max}}' },
    examples: {
      bad: 'CREATE TABLE posts (id bigint PRIMARY KEY, title varchar(255), body text);',
      good: 'CREATE TABLE posts (id bigint PRIMARY KEY, title varchar(255), slug varchar(255));',
    },
  },
  *check(stmt, ctx) {
    const f = stmt.facts;
    const table = f.createTable?.table ?? f.alterTable?.table;
    if (!table) return;
    const columns = new Map<string, ColumnFacts>();
    if (f.createTable) for (const c of f.createTable.columns) columns.set(c.name.toLowerCase(), c);
    else {
      const known = ctx.schema.table(table);
      for (const [name, c] of known?.columns ?? []) columns.set(name.toLowerCase(), c);
      let changed = false;
      for (const a of f.alterTable?.actions ?? []) {
        if (a.type === 'add-column' || a.type === 'modify-column') { columns.set(a.column.name.toLowerCase(), a.column); changed ||= textLength(a.column) !== undefined; }
        if (a.type === 'change-column') { columns.delete(a.from.toLowerCase()); columns.set(a.column.name.toLowerCase(), a.column); changed ||= textLength(a.column) !== undefined; }
        if (a.type === 'drop-column') columns.delete(a.column.toLowerCase());
      }
      if (!changed) return; // only a statement that adds or widens a text column is reported
    }
    let total = 0;
    for (const c of columns.values()) total += textLength(c) ?? 0;
    if (total > ctx.payload.number) yield { messageId: 'total', data: { table: qualified(table), total, max: ctx.payload.number }, ...(table.at !== undefined ? { at: table.at } : {}) };
  },
});
