import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.check-set-role-variable.js';

testRule(rule, {
  valid: [
    'SET ROLE app_owner;\nCREATE TABLE app.users (id bigint PRIMARY KEY);',
    '-- nothing to do\n',
    "SET role = 'owner';\nSELECT 1;",
  ],
  invalid: [
    { sql: 'CREATE TABLE app.users (id bigint PRIMARY KEY);', errors: [{ messageId: 'missing', line: 1, column: 1 }] },
    { sql: "-- header\nSET search_path = app;\nSET ROLE app_owner;", errors: [{ messageId: 'missing', line: 2, column: 1 }] },
  ],
});
