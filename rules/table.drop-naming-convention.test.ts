import { testRule } from '../src/lint/rule-tester.js';
import rule from './table.drop-naming-convention.js';

testRule(rule, {
  valid: [
    'DROP TABLE users_del;',
    'DROP TABLE IF EXISTS app.orders_del, sessions_del;',
    { sql: 'DROP TABLE old_users;', payload: { format: '^old_' } },
  ],
  invalid: [
    { sql: 'DROP TABLE users;', errors: [{ messageId: 'name', line: 1, column: 12 }] },
    { sql: 'DROP TABLE users_del, orders;', errors: [{ messageId: 'name', message: 'orders' }] },
    { sql: 'DROP TABLE users_del;', payload: { format: '^old_' }, errors: 1 },
  ],
});
