import { testRule } from '../src/lint/rule-tester.js';
import rule from './table.no-foreign-key.js';

testRule(rule, {
  valid: [
    'CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL);',
    'ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);',
    { sql: 'CREATE TABLE orders (id NUMBER, user_id NUMBER NOT NULL, CONSTRAINT pk_orders PRIMARY KEY (id));', engine: 'snowflake' },
    { sql: 'ALTER TABLE orders ADD CONSTRAINT uq_orders UNIQUE (user_id);', engine: 'snowflake' },
    { sql: 'CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, KEY idx_user (user_id));', engine: 'mysql' },
  ],
  invalid: [
    { sql: 'CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));', engine: 'postgres', errors: [{ messageId: 'fk', column: 45, message: 'references users' }] },
    { sql: 'CREATE TABLE o (a int, b int, FOREIGN KEY (a, b) REFERENCES p (x, y));', engine: 'postgres', errors: [{ messageId: 'fk', message: '(a, b)' }] },
    // Snowflake does not enforce foreign keys, but declares them (and tools read them).
    { sql: 'CREATE TABLE orders (id NUMBER PRIMARY KEY, user_id NUMBER REFERENCES users (id));', engine: 'snowflake', errors: [{ messageId: 'fk', column: 45, message: 'references USERS' }] },
    { sql: 'CREATE OR REPLACE TABLE o (a INT, b INT, CONSTRAINT fk_o FOREIGN KEY (a, b) REFERENCES p (x, y));', engine: 'snowflake', errors: [{ messageId: 'fk', message: '(A, B)' }] },
    { sql: 'ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id);', errors: 1 },
    { sql: 'ALTER TABLE orders ADD COLUMN shop_id bigint REFERENCES shops;', engine: 'postgres', errors: 1 },
    { sql: 'CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id));', engine: 'mysql', errors: [{ messageId: 'fk', message: 'references users' }] },
    { sql: 'ALTER TABLE orders ADD FOREIGN KEY (shop_id) REFERENCES shops (id) ON DELETE CASCADE;', engine: 'tidb', errors: 1 },
  ],
});
