import { testRule } from '../src/lint/rule-tester.js';
import rule from './table.drop-naming-convention.js';

testRule(rule, {
  valid: [
    'DROP TABLE users_del;',
    'DROP TABLE IF EXISTS app.orders_del, sessions_del;',
    { sql: 'DROP TABLE old_users;', payload: { format: '^old_' } },
    { sql: 'DROP TABLE IF EXISTS ANALYTICS.PUBLIC.EVENTS_DEL;', engine: 'snowflake' },
    { sql: 'DROP TABLE "legacy_del";', engine: 'snowflake' },
    { sql: 'DROP TEMPORARY TABLE IF EXISTS tmp_del;', engine: 'mysql' },
  ],
  invalid: [
    { sql: 'DROP TABLE users;', errors: [{ messageId: 'name', line: 1, column: 12 }] },
    { sql: 'DROP TABLE users_del, orders;', engine: 'postgres', errors: [{ messageId: 'name', message: 'orders' }] },
    { sql: 'DROP TABLE USERS_DEL, orders;', engine: 'snowflake', errors: [{ messageId: 'name', message: 'ORDERS' }] },
    { sql: 'DROP TABLE "users_DEL";', engine: 'snowflake', payload: { format: '_del$' }, errors: 1 },
    { sql: 'DROP TABLE users_del;', payload: { format: '^old_' }, errors: 1 },
    { sql: 'DROP TABLE IF EXISTS `users_del`, `orders`;', engine: 'mysql', errors: [{ messageId: 'name', column: 35, message: 'orders' }] },
  ],
});
