import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.disallow-on-del-cascade.js';

testRule(rule, {
  valid: [
    'CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users ON DELETE RESTRICT);',
    'ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) ON UPDATE CASCADE;',
  ],
  invalid: [
    { sql: 'CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users ON DELETE CASCADE);', errors: [{ messageId: "cascade", column: 45 }] },
    { sql: 'ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;', errors: [{ messageId: 'cascade', message: 'users' }] },
    { sql: 'CREATE TABLE o (a int, FOREIGN KEY (a) REFERENCES p ON DELETE CASCADE);', errors: 1 },
  ],
});
