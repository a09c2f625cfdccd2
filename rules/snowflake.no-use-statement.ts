import { defineRule } from '../src/lint/types.js';
import { snowflakeFacts } from './_util/snowflake.js';

export default defineRule({
  meta: {
    id: 'snowflake.no-use-statement',
    engines: ['snowflake'],
    kinds: ['set'],
    category: 'safety',
    defaultLevel: 'error',
    recommended: true,
    description: 'Forbid USE DATABASE/SCHEMA/ROLE/WAREHOUSE in migrations',
    rationale: 'bb runs every migration of a target on one session: a USE in one file changes the database, schema, role or warehouse of all the files after it and of bb\'s own history bookkeeping, so the next migration lands in the wrong place. The target URL sets these once; names that differ per environment belong in {{ placeholders }}.',
    payload: {},
    messages: { use: 'USE {{object}} {{name}} changes the session for every later migration of this run' },
    examples: {
      bad: 'USE SCHEMA ANALYTICS.STAGING;\nCREATE TABLE EVENTS (ID NUMBER PRIMARY KEY);',
      good: 'CREATE TABLE ANALYTICS.STAGING.EVENTS (ID NUMBER PRIMARY KEY);',
    },
    whenOff: 'Never needed: qualify names, or set the database and schema in the target URL.',
  },
  *check(stmt) {
    const use = snowflakeFacts(stmt.facts)?.use;
    if (use) yield { messageId: 'use', data: { object: use.object, name: use.name }, help: 'Qualify object names (DB.SCHEMA.TABLE, with {{ placeholders }} where they differ per environment) or set them in the target URL.' };
  },
});
