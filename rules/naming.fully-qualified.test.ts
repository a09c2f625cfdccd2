import { testRule } from '../src/lint/rule-tester.js';
import rule from './naming.fully-qualified.js';

testRule(rule, {
  valid: [
    'ALTER TABLE app.users ADD COLUMN note text;',
    'CREATE INDEX users_email_idx ON app.users (email);',
    "UPDATE app.users SET note = '' WHERE id = 1;",
  ],
  invalid: [
    { sql: 'ALTER TABLE users ADD COLUMN note text;', errors: [{ messageId: 'unqualified', line: 1, column: 13 }] },
    { sql: 'DELETE FROM sessions WHERE id = 1;', errors: [{ messageId: 'unqualified', message: 'sessions' }] },
    { sql: 'DROP TABLE a, app.b;', errors: 1 },
  ],
});
