import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.disallow-add-not-null.js';

testRule(rule, {
  valid: [
    'ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;',
    'CREATE TABLE users (id bigint PRIMARY KEY, email text);\nALTER TABLE users ALTER COLUMN email SET NOT NULL;',
  ],
  invalid: [
    { sql: 'ALTER TABLE users ALTER COLUMN email SET NOT NULL;', errors: [{ messageId: 'notNull', line: 1, column: 38 }] },
    { sql: 'ALTER TABLE app.users ALTER email SET NOT NULL, ALTER name SET NOT NULL;', errors: 2 },
  ],
});
