import { testRule } from '../src/lint/rule-tester.js';
import rule from './table.comment.js';

testRule(rule, {
  valid: [
    "CREATE TABLE users (id bigint PRIMARY KEY);\nCOMMENT ON TABLE users IS 'People who can sign in';",
    'CREATE TABLE users (id bigint PRIMARY KEY);',
    { sql: "CREATE TABLE app.users (id bigint PRIMARY KEY);\nCOMMENT ON TABLE app.users IS 'People';", payload: { required: true } },
  ],
  invalid: [
    { sql: 'CREATE TABLE users (id bigint PRIMARY KEY);', payload: { required: true }, errors: [{ messageId: 'missing', line: 1, column: 14 }] },
    { sql: `COMMENT ON TABLE users IS '${'x'.repeat(65)}';`, errors: [{ messageId: 'long', message: '65 characters' }] },
    { sql: "COMMENT ON TABLE users IS 'abcdef';", payload: { maxLength: 5 }, errors: 1 },
  ],
});
