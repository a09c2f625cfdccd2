import { defineRule } from '../src/lint/types.js';
import { snowflakeFacts } from './_util/snowflake.js';

export default defineRule({
  meta: {
    id: 'naming.identifier.case',
    engines: ['snowflake'],
    kinds: ['*'],
    category: 'naming',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Keep identifiers in one case (default: upper case, as Snowflake folds unquoted names)',
    rationale: 'Snowflake stores an unquoted name in upper case and a quoted one exactly as written: "Users" and USERS are different tables, and every query must then repeat the quotes and the case. Checked on the name as Snowflake stores it, so unquoted names always pass with upper: true.',
    payload: {
      upper: { type: 'boolean', default: true, description: 'true: names must be stored in upper case (unquoted, or quoted in upper case); false: in lower case (quoted)' },
    },
    messages: { upper: 'Identifier "{{name}}" is not upper case; Snowflake keeps quoted names case-sensitive', lower: 'Identifier {{name}} is not lower case' },
    examples: { bad: 'CREATE TABLE "Users" (ID NUMBER PRIMARY KEY);', good: 'CREATE TABLE USERS (ID NUMBER PRIMARY KEY);' },
    whenOff: 'Turn it off when a tool that writes to Snowflake requires quoted lower-case names.',
  },
  *check(stmt, ctx) {
    for (const id of snowflakeFacts(stmt.facts)?.identifiers ?? []) {
      const want = ctx.payload.upper ? id.name.toUpperCase() : id.name.toLowerCase();
      if (id.name !== want) yield { messageId: ctx.payload.upper ? 'upper' : 'lower', data: { name: id.name }, at: id.at, help: ctx.payload.upper ? `Write it unquoted (${id.name.toUpperCase()}) or quoted in upper case.` : `Quote it in lower case ("${id.name.toLowerCase()}").` };
    }
  },
});
