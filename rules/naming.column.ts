import { defineRule } from '../src/lint/types.js';
import { nameProblem } from './_util/naming.js';

export default defineRule({
  meta: {
    id: 'naming.column',
    engines: ['postgres', 'mysql', 'tidb'],
    kinds: ['create-table', 'alter-table'],
    category: 'naming',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Name columns by a format (default: lower snake case) and a maximum length',
    payload: {
      format: { type: 'string', default: '^[a-z]+(_[a-z]+)*$', description: 'Regular expression every new column name must match' },
      maxLength: { type: 'number', default: 64, min: 0, integer: true, description: 'Maximum length of a column name' },
    },
    messages: {
      format: 'Column name "{{name}}" in {{table}} does not match "{{format}}"',
      length: 'Column name "{{name}}" in {{table}} is {{length}} characters long; the limit is {{max}}',
    },
    examples: { bad: 'CREATE TABLE users (id bigint PRIMARY KEY, "firstName" text);', good: 'CREATE TABLE users (id bigint PRIMARY KEY, first_name text);' },
  },
  *check(stmt, ctx) {
    const f = stmt.facts;
    const table = f.createTable?.table.name ?? f.alterTable?.table.name ?? '';
    const names: { name: string; at?: number }[] = [];
    for (const c of f.createTable?.columns ?? []) names.push({ name: c.name, ...(c.at !== undefined ? { at: c.at } : {}) });
    for (const a of f.alterTable?.actions ?? []) {
      if (a.type === 'add-column') names.push({ name: a.column.name, ...(a.at !== undefined ? { at: a.at } : {}) });
      if (a.type === 'change-column' && a.column.name !== a.from) names.push({ name: a.column.name, ...(a.at !== undefined ? { at: a.at } : {}) });
      if (a.type === 'rename-column') names.push({ name: a.to, at: Math.max(0, stmt.text.lastIndexOf(a.to)) });
    }
    for (const n of names) {
      const problem = nameProblem(n.name, ctx.payload.format, ctx.payload.maxLength);
      if (problem) yield { messageId: problem, data: { name: n.name, table, format: ctx.payload.format, length: n.name.length, max: ctx.payload.maxLength }, ...(n.at !== undefined ? { at: n.at } : {}) };
    }
  },
});
