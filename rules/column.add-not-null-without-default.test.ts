import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.add-not-null-without-default.js';

testRule(rule, {
  valid: [
    "ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT 'free';",
    'ALTER TABLE users ADD COLUMN plan text;',
    'CREATE TABLE users (id bigint PRIMARY KEY);\nALTER TABLE users ADD COLUMN plan text NOT NULL;',
    'ALTER TABLE users ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY;',
  ],
  invalid: [
    { sql: 'ALTER TABLE users ADD COLUMN plan text NOT NULL;', errors: [{ messageId: 'required', line: 1, column: 30, message: 'plan' }] },
    { sql: 'ALTER TABLE app.users ADD COLUMN a int NOT NULL, ADD COLUMN b int NOT NULL DEFAULT 0;', errors: 1 },
  ],
});
