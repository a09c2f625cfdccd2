import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.object-owner-check.js';

testRule(rule, {
  valid: ['GRANT SELECT ON app.users TO reporting;', 'ALTER TABLE app.users ADD COLUMN note text;'],
  invalid: [
    { sql: 'ALTER TABLE app.users OWNER TO reporting;', errors: [{ messageId: 'owner', line: 1, column: 1, message: 'users' }] },
    { sql: 'ALTER FUNCTION app.f() OWNER TO someone;', errors: 1 },
    { sql: 'REASSIGN OWNED BY alice TO bob;', errors: 1 },
  ],
});
