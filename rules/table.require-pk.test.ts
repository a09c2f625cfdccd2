import { testRule } from '../src/lint/rule-tester.js';
import rule from './table.require-pk.js';

testRule(rule, {
  valid: [
    'CREATE TABLE t (id bigint PRIMARY KEY, name text);',
    'CREATE TABLE t (a int, b int, PRIMARY KEY (a, b));',
    'CREATE TEMP TABLE scratch (x int);',
    { sql: 'ALTER TABLE t DROP CONSTRAINT t_pkey, ADD PRIMARY KEY (id, tenant);', engine: 'postgres' },
    { sql: 'CREATE OR REPLACE TABLE events (id NUMBER, payload VARIANT, CONSTRAINT pk_events PRIMARY KEY (id));', engine: 'snowflake' },
    { sql: 'CREATE TABLE events_copy CLONE events;', engine: 'snowflake' },
  ],
  invalid: [
    { sql: 'CREATE TABLE t (id int, name text);', errors: [{ messageId: 'missing', line: 1, column: 14 }] },
    { sql: 'CREATE TABLE app.events (\n  payload jsonb\n);', engine: 'postgres', errors: [{ messageId: 'missing', message: 'app.events' }] },
    { sql: 'CREATE TRANSIENT TABLE analytics.raw.events (\n  payload VARIANT\n);', engine: 'snowflake', errors: [{ messageId: 'missing', message: 'RAW.EVENTS' }] },
    { sql: 'ALTER TABLE events DROP PRIMARY KEY;', engine: 'snowflake', errors: [{ messageId: 'dropped' }] },
    { sql: 'ALTER TABLE t DROP CONSTRAINT t_pkey;', errors: [{ messageId: 'dropped' }] },
  ],
});
