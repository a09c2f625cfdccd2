import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.disallow-rm-tbl-cascade.js';

testRule(rule, {
  valid: ['DROP TABLE users;', 'TRUNCATE sessions;', 'DROP VIEW v CASCADE;'],
  invalid: [
    { sql: 'DROP TABLE users CASCADE;', errors: [{ messageId: 'cascade', line: 1, column: 18 }] },
    { sql: 'TRUNCATE TABLE users, orders CASCADE;', errors: [{ messageId: 'cascade', message: 'users, orders' }] },
  ],
});
