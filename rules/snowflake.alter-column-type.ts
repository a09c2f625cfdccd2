import { defineRule } from '../src/lint/types.js';

/** Types whose ALTER COLUMN … SET DATA TYPE Snowflake accepts (widening only: longer VARCHAR, more NUMBER precision). */
const CHANGEABLE = new Set(['varchar', 'char', 'number']);

export default defineRule({
  meta: {
    id: 'snowflake.alter-column-type',
    engines: ['snowflake'],
    kinds: ['alter-table'],
    category: 'safety',
    defaultLevel: 'error',
    recommended: true,
    description: 'Forbid column type changes that Snowflake cannot make in place',
    rationale: 'Snowflake\'s ALTER COLUMN … SET DATA TYPE only widens: a longer VARCHAR or a NUMBER with more precision (same scale). Any other change (to another type, a shorter length, a different scale) fails when the migration runs, and because Snowflake commits DDL statement by statement, the statements before it in the file stay applied.',
    payload: {},
    messages: { change: 'Snowflake cannot change {{column}} to {{type}} in place (only longer VARCHAR or wider NUMBER)' },
    examples: {
      bad: 'ALTER TABLE EVENTS ALTER COLUMN CREATED SET DATA TYPE TIMESTAMP_LTZ;',
      good: 'ALTER TABLE EVENTS ALTER COLUMN NOTE SET DATA TYPE VARCHAR(2000);',
    },
    whenOff: 'Never needed: add a new column, copy the data with UPDATE, then drop and rename.',
  },
  *check(stmt) {
    for (const a of stmt.facts.alterTable?.actions ?? []) {
      if (a.type !== 'alter-column-type' || CHANGEABLE.has(a.newType.type)) continue;
      yield { messageId: 'change', data: { column: a.column, type: a.newType.typeText || a.newType.type }, ...(a.at !== undefined ? { at: a.at } : {}), help: 'Add a column of the new type, copy the values with UPDATE, drop the old column and rename the new one.' };
    }
  },
});
