import { defineRule } from '../src/lint/types.js';
import { nameProblem } from './_util/naming.js';

export default defineRule({
  meta: {
    id: 'naming.table',
    engines: ['postgres', 'snowflake', 'mysql', 'tidb'],
    kinds: ['create-table', 'alter-table', 'other'],
    category: 'naming',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Name tables by a format (default: lower snake case) and a maximum length',
    payload: {
      format: { type: 'string', default: '^[a-z]+(_[a-z]+)*$', description: 'Regular expression every new table name must match' },
      maxLength: { type: 'number', default: 64, min: 0, integer: true, description: 'Maximum length of a table name' },
    },
    messages: {
      format: 'Table name "{{name}}" does not match "{{format}}"',
      length: 'Table name "{{name}}" is {{length}} characters long; the limit is {{max}}',
    },
    examples: { bad: 'CREATE TABLE "UserAccounts" (id bigint PRIMARY KEY);', good: 'CREATE TABLE user_accounts (id bigint PRIMARY KEY);' },
  },
  *check(stmt, ctx) {
    const names: { name: string; at?: number; caseInsensitive?: boolean }[] = [];
    const ct = stmt.facts.createTable;
    if (ct) names.push({ name: ct.table.name, ...(ct.table.at !== undefined ? { at: ct.table.at } : {}), ...(ct.table.caseInsensitive ? { caseInsensitive: true } : {}) });
    const at = stmt.facts.alterTable;
    for (const a of at?.actions ?? []) {
      // Located case-insensitively: an engine may report the name folded (Snowflake: upper case).
      if (a.type === 'rename-table') names.push({ name: a.to, at: Math.max(0, stmt.text.toLowerCase().lastIndexOf(a.to.toLowerCase())), ...(a.caseInsensitive ? { caseInsensitive: true } : {}) });
    }
    // MySQL RENAME TABLE a TO b.
    const rt = stmt.facts.renameTable;
    if (rt && stmt.kind === 'other') names.push({ name: rt.to.name, at: Math.max(0, stmt.text.lastIndexOf(rt.to.name)) });
    for (const n of names) {
      const problem = nameProblem(n.name, ctx.payload.format, ctx.payload.maxLength, n.caseInsensitive);
      if (problem) yield { messageId: problem, data: { name: n.name, format: ctx.payload.format, length: n.name.length, max: ctx.payload.maxLength }, ...(n.at !== undefined ? { at: n.at } : {}) };
    }
  },
});
