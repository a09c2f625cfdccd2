import { testRule } from '../src/lint/rule-tester.js';
import rule from './index.total-number-limit.js';

testRule(rule, {
  valid: [
    'CREATE TABLE t (a int PRIMARY KEY, b int UNIQUE);',
    { sql: 'CREATE INDEX i3 ON t (c);', before: 'CREATE TABLE t (a int, b int, c int);\nCREATE INDEX i1 ON t (a);\nCREATE INDEX i2 ON t (b);' },
  ],
  invalid: [
    { sql: 'CREATE TABLE t (a int PRIMARY KEY, b int UNIQUE, c int UNIQUE, d int UNIQUE, e int UNIQUE, f int UNIQUE);', errors: [{ messageId: 'many', line: 1, column: 14, message: '6 indexes' }] },
    { sql: 'CREATE INDEX i3 ON t (c);', payload: { number: 2 }, before: 'CREATE TABLE t (a int, b int, c int);\nCREATE INDEX i1 ON t (a);\nCREATE INDEX i2 ON t (b);', errors: [{ messageId: 'many', message: '3 indexes' }] },
    { sql: 'CREATE TABLE t (a int PRIMARY KEY, b int);\nCREATE INDEX i1 ON t (b);', payload: { number: 1 }, errors: 1 },
  ],
});
