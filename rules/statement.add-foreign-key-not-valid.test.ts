import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.add-foreign-key-not-valid.js';

testRule(rule, {
  valid: [
    'ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;',
    'ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;',
    'CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);\nALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id);',
  ],
  invalid: [
    { sql: 'ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);', errors: [{ messageId: 'fk', line: 1, column: 24, message: 'orders_user_fk' }] },
    { sql: 'ALTER TABLE orders ADD COLUMN shop_id bigint REFERENCES shops (id);', errors: 1 },
  ],
});
