import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.add-not-null-without-default.js';

testRule(rule, {
  valid: [
    "ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT 'free';",
    'ALTER TABLE users ADD COLUMN plan text;',
    'CREATE TABLE users (id bigint PRIMARY KEY);\nALTER TABLE users ADD COLUMN plan text NOT NULL;',
    'ALTER TABLE users ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY;',
    { sql: 'ALTER TABLE users ADD COLUMN created TIMESTAMP_LTZ NOT NULL DEFAULT CURRENT_TIMESTAMP();', engine: 'snowflake' },
    { sql: 'CREATE TABLE users (id NUMBER);\nALTER TABLE users ADD COLUMN plan STRING NOT NULL;', engine: 'snowflake' },
  ],
  invalid: [
    { sql: 'ALTER TABLE users ADD COLUMN plan text NOT NULL;', engine: 'postgres', errors: [{ messageId: 'required', line: 1, column: 30, message: 'plan' }] },
    // Snowflake refuses it on a non-empty table: "Non-nullable column cannot be added to non-empty table … without default value".
    { sql: 'ALTER TABLE users ADD COLUMN plan STRING NOT NULL;', engine: 'snowflake', errors: [{ messageId: 'required', line: 1, column: 30, message: 'PLAN' }] },
    { sql: 'ALTER TABLE analytics.events ADD COLUMN source STRING NOT NULL, kind STRING DEFAULT \'x\';', engine: 'snowflake', errors: 1 },
    { sql: 'ALTER TABLE app.users ADD COLUMN a int NOT NULL, ADD COLUMN b int NOT NULL DEFAULT 0;', errors: 1 },
  ],
});
