import { testRule } from '../src/lint/rule-tester.js';
import rule from './index.type-no-blob.js';

testRule(rule, {
  valid: [
    'CREATE TABLE posts (id int PRIMARY KEY, slug varchar(100), body text, KEY idx_slug (slug), FULLTEXT KEY ft_body (body));',
    { sql: 'CREATE INDEX idx_posts_slug ON posts (slug);', before: 'CREATE TABLE posts (id int PRIMARY KEY, slug varchar(100), body text);' },
    'CREATE INDEX idx_unknown ON elsewhere (body(20));',
  ],
  invalid: [
    { sql: 'CREATE TABLE posts (id int PRIMARY KEY, body text, KEY idx_body (body(100)));', errors: [{ messageId: 'blob', line: 1, column: 14, message: 'idx_body on posts includes body, a text column' }] },
    { sql: 'CREATE INDEX idx_posts_body ON posts (id, body(50));', before: 'CREATE TABLE posts (id int PRIMARY KEY, body mediumblob);', errors: [{ messageId: 'blob', message: 'mediumblob' }] },
    { sql: 'ALTER TABLE posts ADD COLUMN raw longblob, ADD UNIQUE KEY uq_raw (raw(32));', errors: [{ messageId: 'blob', message: 'uq_raw on posts includes raw' }] },
  ],
});
