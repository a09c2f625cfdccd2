import { testRule } from '../src/lint/rule-tester.js';
import rule from './index.total-number-limit.js';

testRule(rule, {
  valid: [
    'CREATE TABLE t (a int PRIMARY KEY, b int UNIQUE);',
    { sql: 'CREATE INDEX i3 ON t (c);', before: 'CREATE TABLE t (a int, b int, c int);\nCREATE INDEX i1 ON t (a);\nCREATE INDEX i2 ON t (b);' },
    { sql: 'CREATE TABLE `t` (`a` int NOT NULL, `b` int, `c` int, PRIMARY KEY (`a`), KEY `i_b` (`b`), UNIQUE KEY `u_c` (`c`));', payload: { number: 3 }, engine: 'mysql' },
    { sql: 'ALTER TABLE t DROP INDEX i_b, ADD INDEX i_bc (b, c);', payload: { number: 3 }, before: 'CREATE TABLE t (a int PRIMARY KEY, b int, c int, KEY i_b (b), KEY i_c (c));', engine: 'tidb' },
  ],
  invalid: [
    { sql: 'CREATE TABLE t (a int PRIMARY KEY, b int UNIQUE, c int UNIQUE, d int UNIQUE, e int UNIQUE, f int UNIQUE);', errors: [{ messageId: 'many', line: 1, column: 14, message: '6 indexes' }] },
    { sql: 'CREATE INDEX i3 ON t (c);', payload: { number: 2 }, before: 'CREATE TABLE t (a int, b int, c int);\nCREATE INDEX i1 ON t (a);\nCREATE INDEX i2 ON t (b);', errors: [{ messageId: 'many', message: '3 indexes' }] },
    { sql: 'CREATE TABLE t (a int PRIMARY KEY, b int);\nCREATE INDEX i1 ON t (b);', payload: { number: 1 }, errors: 1 },
    { sql: 'CREATE TABLE `t` (`a` int NOT NULL, `b` int UNIQUE, `c` int, PRIMARY KEY (`a`), KEY `i_c` (`c`), FULLTEXT KEY `ft` (`c`));', payload: { number: 3 }, engine: 'mysql', errors: [{ messageId: 'many', line: 1, column: 14, message: 'Table t would have 4 indexes; the limit is 3' }] },
    { sql: 'ALTER TABLE t ADD INDEX i_b (b), ADD UNIQUE KEY u_c (c);', payload: { number: 2 }, before: 'CREATE TABLE t (a int PRIMARY KEY, b int, c int);', engine: 'tidb', errors: [{ messageId: 'many', message: '3 indexes' }] },
    { sql: 'CREATE INDEX i_c ON t (c);', payload: { number: 2 }, before: 'CREATE TABLE t (a int PRIMARY KEY, b int, c int);\nCREATE INDEX i_b ON t (b);', engine: 'mysql', errors: [{ messageId: 'many', message: '3 indexes' }] },
  ],
});
