import { testRule } from '../src/lint/rule-tester.js';
import rule from './table.no-duplicate-index.js';

testRule(rule, {
  valid: [
    'CREATE TABLE users (id bigint PRIMARY KEY, email varchar(255), UNIQUE KEY uk_email (email), KEY idx_email_id (email, id));',
    'CREATE TABLE users (id bigint PRIMARY KEY, body text, FULLTEXT KEY ft_body (body), KEY idx_body (body(10)));',
    { sql: 'ALTER TABLE users ADD INDEX idx_name (name);', before: 'CREATE TABLE users (id bigint PRIMARY KEY, email varchar(255), name varchar(20), KEY idx_email (email));' },
  ],
  invalid: [
    { sql: 'CREATE TABLE users (id bigint PRIMARY KEY, email varchar(255), KEY idx_email (email), UNIQUE KEY uk_email (email));', errors: [{ messageId: 'duplicate', line: 1, column: 98, message: 'uk_email on users duplicates idx_email' }] },
    { sql: 'CREATE INDEX idx_email2 ON users (email);', before: 'CREATE TABLE users (id bigint PRIMARY KEY, email varchar(255), KEY idx_email (email));', errors: [{ messageId: 'duplicate', message: 'idx_email2' }] },
    { sql: 'ALTER TABLE users ADD INDEX idx_a (id);', before: 'CREATE TABLE users (id bigint PRIMARY KEY);', errors: [{ messageId: 'duplicate', message: 'PRIMARY' }] },
  ],
});
