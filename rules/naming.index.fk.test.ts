import { testRule } from '../src/lint/rule-tester.js';
import rule from './naming.index.fk.js';

testRule(rule, {
  valid: [
    'ALTER TABLE orders ADD CONSTRAINT fk_orders_user_id_users_id FOREIGN KEY (user_id) REFERENCES users (id);',
    'CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));',
    { sql: 'CREATE TABLE orders (id int PRIMARY KEY, user_id int, CONSTRAINT fk_orders_user_id_users_id FOREIGN KEY (user_id) REFERENCES users (id));', engine: 'mysql' },
    { sql: 'ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id);', engine: 'tidb' },
  ],
  invalid: [
    { sql: 'ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users (id);', errors: [{ messageId: 'format', line: 1, column: 35, message: '^fk_orders_user_id_users_id$' }] },
    { sql: 'CREATE TABLE o (id int, u int, CONSTRAINT o_u_fk FOREIGN KEY (u) REFERENCES users (id));', errors: 1 },
    { sql: 'ALTER TABLE orders ADD CONSTRAINT `orders_ibfk_1` FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;', engine: 'mysql', errors: [{ messageId: 'format', message: '^fk_orders_user_id_users_id$' }] },
    { sql: 'CREATE TABLE o (id int PRIMARY KEY, u int, CONSTRAINT o_u_fk FOREIGN KEY (u) REFERENCES users (id));', engine: 'tidb', errors: 1 },
  ],
});
