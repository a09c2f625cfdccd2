import { testRule } from '../src/lint/rule-tester.js';
import rule from './table.no-foreign-key.js';

testRule(rule, {
  valid: [
    'CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL);',
    'ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);',
  ],
  invalid: [
    { sql: 'CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));', errors: [{ messageId: 'fk', column: 45, message: 'references users' }] },
    { sql: 'CREATE TABLE o (a int, b int, FOREIGN KEY (a, b) REFERENCES p (x, y));', errors: [{ messageId: 'fk', message: '(a, b)' }] },
    { sql: 'ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id);', errors: 1 },
    { sql: 'ALTER TABLE orders ADD COLUMN shop_id bigint REFERENCES shops;', errors: 1 },
  ],
});
