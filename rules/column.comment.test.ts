import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.comment.js';

testRule(rule, {
  valid: [
    "CREATE TABLE users (id bigint PRIMARY KEY);\nCOMMENT ON COLUMN users.id IS 'User id';",
    'CREATE TABLE users (id bigint PRIMARY KEY);',
    { sql: "ALTER TABLE app.users ADD COLUMN note text;\nCOMMENT ON COLUMN app.users.note IS 'Free text';", payload: { required: true } },
  ],
  invalid: [
    { sql: 'CREATE TABLE users (id bigint PRIMARY KEY, email text);', payload: { required: true }, errors: [{ messageId: 'missing', line: 1, column: 21 }, { messageId: 'missing', message: 'users.email' }] },
    { sql: `COMMENT ON COLUMN users.id IS '${'x'.repeat(70)}';`, errors: [{ messageId: 'long', message: '70 characters' }] },
  ],
});
