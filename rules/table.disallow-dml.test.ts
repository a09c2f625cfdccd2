import { testRule } from '../src/lint/rule-tester.js';
import rule from './table.disallow-dml.js';

const payload = { list: ['orders', 'billing.ledger'] };

testRule(rule, {
  valid: [
    { sql: 'DELETE FROM users WHERE id = 1;', payload },
    { sql: 'ALTER TABLE orders ADD COLUMN note text;', payload },
    "UPDATE orders SET note = '' WHERE id = 1;",
  ],
  invalid: [
    { sql: "UPDATE orders SET note = '' WHERE id = 1;", payload, errors: [{ messageId: 'disallowed', line: 1, column: 8, message: 'UPDATE on orders' }] },
    { sql: 'INSERT INTO `billing`.`ledger` (id) VALUES (1);', payload, errors: [{ messageId: 'disallowed', message: 'INSERT on billing.ledger' }] },
    { sql: 'DELETE FROM orders WHERE id = 1;', payload, errors: 1 },
  ],
});
