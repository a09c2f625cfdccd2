import { defineRule } from '../src/lint/types.js';
import { nameProblem } from './_util/naming.js';

export default defineRule({
  meta: {
    id: 'naming.column.auto-increment',
    engines: ['mysql', 'tidb'],
    kinds: ['create-table', 'alter-table'],
    category: 'naming',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Enforce the naming format of AUTO_INCREMENT columns',
    rationale: 'One name for the surrogate key of every table (id) makes joins and tools predictable.',
    payload: {
      format: { type: 'string', default: '^id$', description: 'Regular expression the AUTO_INCREMENT column name must match' },
      maxLength: { type: 'number', default: 64, min: 0, integer: true, description: 'Maximum name length (0: no limit)' },
    },
    messages: {
      format: 'AUTO_INCREMENT column {{name}} does not match "{{format}}"',
      length: 'AUTO_INCREMENT column {{name}} is {{length}} characters long; the limit is {{max}}',
    },
    examples: {
      bad: 'CREATE TABLE users (user_id bigint AUTO_INCREMENT PRIMARY KEY);',
      good: 'CREATE TABLE users (id bigint AUTO_INCREMENT PRIMARY KEY);',
    },
  },
  *check(stmt, ctx) {
    const f = stmt.facts;
    const columns = [
      ...(f.createTable?.columns ?? []),
      ...(f.alterTable?.actions ?? []).flatMap((a) => (a.type === 'add-column' || a.type === 'modify-column' || a.type === 'change-column' ? [{ ...a.column, ...(a.at !== undefined ? { at: a.at } : {}) }] : [])),
    ];
    for (const c of columns) {
      if (!c.autoIncrement) continue;
      const problem = nameProblem(c.name, ctx.payload.format, ctx.payload.maxLength);
      if (problem) yield { messageId: problem, data: { name: c.name, format: ctx.payload.format, length: c.name.length, max: ctx.payload.maxLength }, ...(c.at !== undefined ? { at: c.at } : {}) };
    }
  },
});
