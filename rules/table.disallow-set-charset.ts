import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';
import { alterSetsCharset, tableCharset } from './_util/mysql-table-options.js';

export default defineRule({
  meta: {
    id: 'table.disallow-set-charset',
    engines: ['mysql'],
    kinds: ['create-table', 'alter-table'],
    category: 'table',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Forbid a character set in table options (use the database default)',
    rationale: 'A table whose character set differs from the database default breaks joins and comparisons with other tables (illegal mix of collations) and makes index use depend on conversions. Set the character set once, on the database.',
    payload: {},
    messages: { charset: 'Table {{table}} sets its character set ({{charset}}); leave it to the database default' },
    examples: {
      bad: 'CREATE TABLE users (id bigint PRIMARY KEY) DEFAULT CHARSET=latin1;',
      good: 'CREATE TABLE users (id bigint PRIMARY KEY) ENGINE=InnoDB;',
    },
  },
  *check(stmt) {
    const ct = stmt.facts.createTable;
    const charset = tableCharset(ct?.options);
    if (ct && charset !== undefined) yield { messageId: 'charset', data: { table: qualified(ct.table), charset }, at: Math.max(0, stmt.text.search(/\b(CHARSET|CHARACTER\s+SET)\b(?![\s\S]*\b(CHARSET|CHARACTER\s+SET)\b)/i)) };
    const table = stmt.facts.alterTable?.table ?? (stmt.kind === 'alter-table' ? stmt.facts.tables?.[0] : undefined);
    if (table && !ct && alterSetsCharset(stmt.facts, stmt.text)) yield { messageId: 'charset', data: { table: qualified(table), charset: 'a character set' }, at: Math.max(0, stmt.text.search(/\b(CHARSET|CHARACTER\s+SET)\b/i)) };
  },
});
