import { testRule } from '../src/lint/rule-tester.js';
import rule from './naming.index.idx.js';

testRule(rule, {
  valid: [
    'CREATE INDEX idx_users_email ON users (email);',
    'CREATE INDEX idx_orders_user_id_created_at ON app.orders (user_id, created_at);',
    'CREATE UNIQUE INDEX anything ON users (email);',
    { sql: 'CREATE INDEX ON users (email);', engine: 'postgres' },
    { sql: 'ALTER TABLE users ADD INDEX idx_users_email (email);', engine: 'mysql' },
    { sql: 'ALTER TABLE users ADD FULLTEXT INDEX ft_body (body);', engine: 'mysql' },
    { sql: 'CREATE TABLE users (id int PRIMARY KEY, email varchar(64), KEY idx_users_email (email), FULLTEXT KEY ft (email));', engine: 'tidb' },
  ],
  invalid: [
    { sql: 'CREATE INDEX users_email ON users (email);', errors: [{ messageId: 'format', line: 1, column: 14, message: '^idx_users_email$' }] },
    { sql: 'CREATE INDEX CONCURRENTLY idx_users ON users (email, name);', engine: 'postgres', errors: 1 },
    { sql: 'CREATE INDEX idx_t_a ON t (a);', payload: { maxLength: 5 }, errors: [{ messageId: 'length' }] },
    { sql: 'ALTER TABLE users ADD INDEX email_idx (email);', engine: 'mysql', errors: [{ messageId: 'format', message: '^idx_users_email$' }] },
    { sql: 'CREATE INDEX `by_email` ON users (email);', engine: 'mysql', errors: 1 },
    { sql: 'CREATE TABLE users (id int PRIMARY KEY, email varchar(64), KEY by_email (email), UNIQUE KEY uk_users_email (email));', engine: 'mysql', errors: [{ messageId: 'format', column: 64, message: '^idx_users_email$' }] },
  ],
});
