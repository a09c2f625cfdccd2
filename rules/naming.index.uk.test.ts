import { testRule } from '../src/lint/rule-tester.js';
import rule from './naming.index.uk.js';

testRule(rule, {
  valid: [
    'CREATE UNIQUE INDEX uk_users_email ON users (email);',
    'ALTER TABLE users ADD CONSTRAINT uk_users_email UNIQUE (email);',
    'CREATE TABLE users (id bigint PRIMARY KEY, email text UNIQUE);',
    { sql: 'ALTER TABLE users ADD UNIQUE KEY uk_users_email (email);', engine: 'mysql' },
    { sql: 'CREATE TABLE users (id int PRIMARY KEY, email varchar(64), UNIQUE KEY uk_users_email (email));', engine: 'tidb' },
  ],
  invalid: [
    { sql: 'CREATE UNIQUE INDEX users_email_key ON users (email);', errors: [{ messageId: 'format', line: 1, column: 21, message: '^uk_users_email$' }] },
    { sql: 'ALTER TABLE users ADD CONSTRAINT email_unique UNIQUE (email);', errors: 1 },
    { sql: 'CREATE TABLE t (a int, b int, CONSTRAINT t_ab UNIQUE (a, b));', errors: [{ messageId: 'format', message: '^uk_t_a_b$' }] },
    { sql: 'ALTER TABLE users ADD UNIQUE INDEX email_uniq (email);', engine: 'mysql', errors: [{ messageId: 'format', message: '^uk_users_email$' }] },
    { sql: 'CREATE TABLE users (id int PRIMARY KEY, email varchar(64), UNIQUE KEY `email` (email));', engine: 'tidb', errors: 1 },
  ],
});
