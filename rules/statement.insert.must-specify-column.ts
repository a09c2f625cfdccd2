import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'statement.insert.must-specify-column',
    engines: ['postgres', 'mysql', 'tidb'],
    kinds: ['insert'],
    category: 'statement',
    defaultLevel: 'error',
    recommended: false,
    description: 'Require the column list in INSERT statements',
    rationale: 'INSERT INTO t VALUES (…) depends on the table\'s column order; it breaks or writes the wrong columns once a column is added.',
    payload: {},
    messages: { columns: 'INSERT INTO {{table}} does not name its columns' },
    examples: { bad: "INSERT INTO roles VALUES (1, 'admin');", good: "INSERT INTO roles (id, name) VALUES (1, 'admin');" },
  },
  *check(stmt) {
    const d = stmt.facts.dml;
    if (d?.table && d.columns !== undefined && d.columns.length === 0) yield { messageId: 'columns', data: { table: qualified(d.table) } };
  },
});
