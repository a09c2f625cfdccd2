import { defineRule } from '../src/lint/types.js';

export default defineRule({
  meta: {
    id: 'snowflake.drop-database-or-schema',
    engines: ['snowflake'],
    kinds: ['other'],
    category: 'safety',
    defaultLevel: 'error',
    recommended: true,
    description: 'Forbid DROP DATABASE and DROP SCHEMA in migrations',
    rationale: 'Dropping a database or schema drops every table, view, stage and pipe in it at once. UNDROP can bring it back only within the retention period and only if no object of the same name was created since; in a migration that runs on every environment, one wrong placeholder value empties production.',
    payload: {},
    messages: { drop: 'DROP {{object}} {{name}} drops every object in it' },
    examples: { bad: 'DROP SCHEMA LEGACY;', good: 'DROP TABLE LEGACY.OLD_EVENTS_DEL;' },
    whenOff: 'Disable it for the one statement (-- bb:disable-next-statement) when tearing down a schema is the point of the migration.',
  },
  *check(stmt) {
    const drop = stmt.facts.drop;
    if (!drop || (drop.object !== 'schema' && drop.object !== 'database')) return;
    for (const n of drop.names) yield { messageId: 'drop', data: { object: drop.object.toUpperCase(), name: n.name }, ...(n.at !== undefined ? { at: n.at } : {}), help: 'Drop the tables one by one (renamed to *_del first), so each drop is reviewed.' };
  },
});
