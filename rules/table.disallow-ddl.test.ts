import { testRule } from '../src/lint/rule-tester.js';
import rule from './table.disallow-ddl.js';

const payload = { list: ['orders', 'billing.ledger'] };

testRule(rule, {
  valid: [
    { sql: 'ALTER TABLE users ADD COLUMN note text;', payload },
    { sql: "UPDATE orders SET note = '' WHERE id = 1;", payload },
    'ALTER TABLE orders ADD COLUMN note text;',
  ],
  invalid: [
    { sql: 'ALTER TABLE orders ADD COLUMN note text;', payload, errors: [{ messageId: 'disallowed', line: 1, column: 13, message: 'ALTER on orders' }] },
    { sql: 'DROP TABLE IF EXISTS users, `billing`.`ledger`;', payload, errors: [{ messageId: 'disallowed', message: 'DROP on billing.ledger' }] },
    { sql: 'CREATE INDEX idx_orders_user ON orders (user_id);', payload, errors: 1 },
    { sql: 'TRUNCATE TABLE orders;', payload, errors: 1 },
  ],
});
