import { defineRule } from '../src/lint/types.js';
import { snowflakeFacts } from './_util/snowflake.js';

export default defineRule({
  meta: {
    id: 'snowflake.create-or-replace-table',
    engines: ['snowflake'],
    kinds: ['create-table'],
    category: 'safety',
    defaultLevel: 'error',
    recommended: true,
    description: 'Forbid CREATE OR REPLACE TABLE in migrations (it drops the table and its data)',
    rationale: 'CREATE OR REPLACE TABLE drops the existing table with all its rows and creates an empty one; the old table\'s Time Travel history goes with the dropped version, grants are lost (without COPY GRANTS), and streams on it go stale. In a migration that re-runs on an environment with data, this silently empties the table.',
    payload: {},
    messages: { replace: 'CREATE OR REPLACE TABLE {{table}} drops the existing table and all its rows' },
    examples: {
      bad: 'CREATE OR REPLACE TABLE EVENTS (ID NUMBER PRIMARY KEY, PAYLOAD VARIANT);',
      good: 'CREATE TABLE IF NOT EXISTS EVENTS (ID NUMBER PRIMARY KEY, PAYLOAD VARIANT);',
    },
    whenOff: 'Disable it for one statement (-- bb:disable-next-statement) when a scratch or staging table is meant to be rebuilt.',
  },
  *check(stmt) {
    const sf = snowflakeFacts(stmt.facts);
    const ct = stmt.facts.createTable;
    if (!sf?.orReplace || !ct || ct.temporary) return;
    const name = ct.table.schema ? `${ct.table.schema}.${ct.table.name}` : ct.table.name;
    yield { messageId: 'replace', data: { table: name }, help: 'Use CREATE TABLE IF NOT EXISTS for a new table and ALTER TABLE for changes; to rebuild deliberately, copy the data in the same migration.' };
  },
});
