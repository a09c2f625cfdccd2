import { defineRule } from '../src/lint/types.js';
import { snowflakeFacts } from './_util/snowflake.js';

export default defineRule({
  meta: {
    id: 'snowflake.data-retention-zero',
    engines: ['snowflake'],
    kinds: ['create-table', 'alter-table', 'other'],
    category: 'safety',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Warn when DATA_RETENTION_TIME_IN_DAYS is set to 0 (no Time Travel, no UNDROP)',
    rationale: 'With a retention of 0 days, Time Travel is off: a bad UPDATE cannot be queried AT(…) and undone, and a dropped table cannot be UNDROPped. Migrations that change data are exactly when that safety net is needed.',
    payload: {},
    messages: { zero: 'DATA_RETENTION_TIME_IN_DAYS = 0 turns off Time Travel and UNDROP for {{name}}' },
    examples: {
      bad: 'CREATE TABLE EVENTS (ID NUMBER PRIMARY KEY) DATA_RETENTION_TIME_IN_DAYS = 0;',
      good: 'CREATE TABLE EVENTS (ID NUMBER PRIMARY KEY) DATA_RETENTION_TIME_IN_DAYS = 1;',
    },
    whenOff: 'Turn it off for scratch data that is cheaper to reload than to keep in Time Travel.',
  },
  *check(stmt) {
    const sf = snowflakeFacts(stmt.facts);
    if (sf?.dataRetentionDays?.value === 0) yield { messageId: 'zero', data: { name: sf.objectName?.name ?? 'this object' }, at: sf.dataRetentionDays.at, help: 'Keep at least 1 day (the default) on tables that migrations change.' };
  },
});
