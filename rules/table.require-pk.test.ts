import { testRule } from '../src/lint/rule-tester.js';
import rule from './table.require-pk.js';

testRule(rule, {
  valid: [
    'CREATE TABLE t (id bigint PRIMARY KEY, name text);',
    'CREATE TABLE t (a int, b int, PRIMARY KEY (a, b));',
    { sql: 'CREATE TEMP TABLE scratch (x int);', engine: 'postgres' },
    { sql: 'ALTER TABLE t DROP CONSTRAINT t_pkey, ADD PRIMARY KEY (id, tenant);', engine: 'postgres' },
    { sql: 'CREATE OR REPLACE TABLE events (id NUMBER, payload VARIANT, CONSTRAINT pk_events PRIMARY KEY (id));', engine: 'snowflake' },
    { sql: 'CREATE TABLE events_copy CLONE events;', engine: 'snowflake' },
    { sql: 'CREATE TABLE t (id bigint NOT NULL AUTO_INCREMENT, PRIMARY KEY (id)) ENGINE=InnoDB;', engine: 'mysql' },
    { sql: 'CREATE TEMPORARY TABLE scratch (x int);', engine: 'tidb' },
    { sql: 'ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (id, tenant);', engine: 'tidb' },
  ],
  invalid: [
    { sql: 'CREATE TABLE t (id int, name text);', errors: [{ messageId: 'missing', line: 1, column: 14 }] },
    { sql: 'CREATE TABLE app.events (\n  payload jsonb\n);', engine: 'postgres', errors: [{ messageId: 'missing', message: 'app.events' }] },
    { sql: 'CREATE TRANSIENT TABLE analytics.raw.events (\n  payload VARIANT\n);', engine: 'snowflake', errors: [{ messageId: 'missing', message: 'RAW.EVENTS' }] },
    { sql: 'ALTER TABLE events DROP PRIMARY KEY;', engine: 'snowflake', errors: [{ messageId: 'dropped' }] },
    { sql: 'ALTER TABLE t DROP CONSTRAINT t_pkey;', errors: [{ messageId: 'dropped' }] },
    { sql: 'CREATE TABLE `t` (id bigint NOT NULL, UNIQUE KEY uk_t_id (id)) ENGINE=InnoDB;', engine: 'mysql', errors: [{ messageId: 'missing', column: 14 }] },
    { sql: 'ALTER TABLE t DROP PRIMARY KEY;', engine: 'mysql', errors: [{ messageId: 'dropped' }] },
  ],
});
