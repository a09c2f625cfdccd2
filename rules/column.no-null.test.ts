import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.no-null.js';

testRule(rule, {
  valid: [
    'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);',
    'CREATE TABLE t (a int, b int NOT NULL, PRIMARY KEY (a));',
    'ALTER TABLE users ADD COLUMN n int NOT NULL DEFAULT 0;',
    { sql: 'CREATE TABLE t (id NUMBER AUTOINCREMENT, v VARIANT NOT NULL, CONSTRAINT pk PRIMARY KEY (id));', engine: 'snowflake' },
    { sql: 'ALTER TABLE t ADD COLUMN a STRING NOT NULL, b TIMESTAMP_NTZ NOT NULL DEFAULT CURRENT_TIMESTAMP();', engine: 'snowflake' },
  ],
  invalid: [
    { sql: 'CREATE TABLE users (id bigint PRIMARY KEY, email text);', engine: 'postgres', errors: [{ messageId: 'nullable', line: 1, column: 44, message: 'email of users' }] },
    { sql: 'CREATE TABLE users (id NUMBER PRIMARY KEY, email STRING);', engine: 'snowflake', errors: [{ messageId: 'nullable', line: 1, column: 44, message: 'EMAIL of USERS' }] },
    { sql: 'ALTER TABLE events ADD COLUMN payload VARIANT, source STRING NOT NULL;', engine: 'snowflake', errors: [{ messageId: 'nullable', message: 'PAYLOAD' }] },
    { sql: 'ALTER TABLE users ADD COLUMN note text NULL;', errors: 1 },
  ],
});
