import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.disallow-add-column-with-default.js';

testRule(rule, {
  valid: [
    'ALTER TABLE users ADD COLUMN active boolean;',
    'CREATE TABLE users (id bigint PRIMARY KEY);\nALTER TABLE users ADD COLUMN active boolean DEFAULT true;',
  ],
  invalid: [
    { sql: 'ALTER TABLE users ADD COLUMN active boolean DEFAULT true;', errors: [{ messageId: 'dflt', line: 1, column: 30, message: 'DEFAULT true' }] },
    { sql: 'ALTER TABLE users ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();', errors: [{ messageId: 'dflt', message: 'now()' }] },
  ],
});
