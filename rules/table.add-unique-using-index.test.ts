import { testRule } from '../src/lint/rule-tester.js';
import rule from './table.add-unique-using-index.js';

testRule(rule, {
  valid: [
    'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;',
    'CREATE TABLE users (id bigint PRIMARY KEY, email text);\nALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);',
  ],
  invalid: [
    { sql: 'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);', errors: [{ messageId: 'unique', line: 1, column: 23 }] },
    { sql: 'ALTER TABLE users ADD COLUMN handle text UNIQUE;', errors: 1 },
  ],
});
