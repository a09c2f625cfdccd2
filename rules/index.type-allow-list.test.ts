import { testRule } from '../src/lint/rule-tester.js';
import rule from './index.type-allow-list.js';

testRule(rule, {
  valid: [
    { sql: 'CREATE TABLE t (id int PRIMARY KEY, code varchar(20), KEY idx_code (code) USING BTREE);', payload: { list: ['BTREE'] } },
    { sql: 'CREATE FULLTEXT INDEX ft_body ON t (body);', payload: { list: ['BTREE', 'FULLTEXT'] } },
    'CREATE INDEX idx_a USING HASH ON t (a);',
  ],
  invalid: [
    { sql: 'CREATE TABLE t (id int PRIMARY KEY, body text, FULLTEXT KEY ft_body (body));', payload: { list: ['BTREE'] }, errors: [{ messageId: 'type', line: 1, column: 14, message: 'ft_body on t is FULLTEXT' }] },
    { sql: 'ALTER TABLE t ADD INDEX idx_a (a) USING HASH;', payload: { list: ['btree'] }, errors: [{ messageId: 'type', message: 'HASH' }] },
    { sql: 'CREATE INDEX idx_a ON t (a);', payload: { list: ['HASH'] }, errors: [{ messageId: 'type', message: 'is BTREE' }] },
  ],
});
