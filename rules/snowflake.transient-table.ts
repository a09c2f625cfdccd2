import { defineRule } from '../src/lint/types.js';
import { snowflakeFacts } from './_util/snowflake.js';

export default defineRule({
  meta: {
    id: 'snowflake.transient-table',
    engines: ['snowflake'],
    kinds: ['create-table', 'other'],
    category: 'safety',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Warn about TRANSIENT tables and schemas in production environments (no Fail-safe)',
    rationale: 'A transient table has no Fail-safe period and at most one day of Time Travel: after an accidental DELETE, DROP or bad load older than that, Snowflake support cannot recover the data. That trade-off suits staging and scratch data, rarely production tables.',
    payload: {
      environments: { type: 'list', default: ['prod', 'production'], description: 'Environments where transient objects are reported; when bb lints without --env, every transient object is reported' },
    },
    messages: { transient: 'TRANSIENT {{object}} {{name}} has no Fail-safe: its data cannot be recovered after Time Travel ends' },
    examples: { bad: 'CREATE TRANSIENT TABLE ORDERS (ID NUMBER PRIMARY KEY);', good: 'CREATE TABLE ORDERS (ID NUMBER PRIMARY KEY);' },
    whenOff: 'Turn it off for a database that only holds data reloaded from elsewhere (staging, marts rebuilt by dbt).',
  },
  *check(stmt, ctx) {
    const sf = snowflakeFacts(stmt.facts);
    if (!sf?.transient || !sf.objectName) return;
    if (ctx.environment !== undefined && !ctx.payload.environments.includes(ctx.environment)) return;
    yield { messageId: 'transient', data: { object: (sf.object ?? 'TABLE').toLowerCase(), name: sf.objectName.name }, at: sf.objectName.at, help: 'Create a permanent table, or disable the rule for this statement if the data can be reloaded.' };
  },
});
