import { defineRule } from '../src/lint/types.js';

export default defineRule({
  meta: {
    id: 'statement.create-specify-schema',
    engines: ['postgres'],
    kinds: ['create-table', 'other'],
    category: 'statement',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Name the schema of every table, view, sequence, type and function created',
    rationale: 'An unqualified CREATE lands in the first schema of search_path, which differs between sessions, tools and environments.',
    payload: {},
    messages: { schema: '{{object}} {{name}} is created without a schema' },
    examples: { bad: 'CREATE TABLE users (id bigint PRIMARY KEY);', good: 'CREATE TABLE app.users (id bigint PRIMARY KEY);' },
  },
  *check(stmt) {
    const ct = stmt.facts.createTable;
    if (ct && !ct.temporary && !ct.table.schema) yield { messageId: 'schema', data: { object: 'Table', name: ct.table.name }, ...(ct.table.at !== undefined ? { at: ct.table.at } : {}) };
    const c = stmt.facts.create;
    if (c?.name && ['view', 'materialized view', 'sequence', 'type', 'domain', 'function', 'procedure'].includes(c.object) && !c.name.schema) {
      yield { messageId: 'schema', data: { object: c.object[0]!.toUpperCase() + c.object.slice(1), name: c.name.name }, ...(c.name.at !== undefined ? { at: c.name.at } : {}) };
    }
  },
});
