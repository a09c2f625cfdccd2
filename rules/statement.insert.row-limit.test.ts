import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.insert.row-limit.js';

const values = (n: number): string => Array.from({ length: n }, (_, i) => `(${i})`).join(', ');
testRule(rule, {
  valid: [
    `INSERT INTO t (a) VALUES ${values(1000)};`,
    'INSERT INTO t (a) SELECT id FROM u;',
    { sql: 'INSERT INTO t (a) VALUES (1), (2);', payload: { number: 2 } },
    { sql: 'REPLACE INTO t (a) VALUES (1), (2);', engine: 'mysql', payload: { number: 2 } },
    { sql: 'INSERT INTO t SET a = 1;', engine: 'mysql', payload: { number: 1 } },
  ],
  invalid: [
    { sql: `INSERT INTO t (a) VALUES ${values(1001)};`, errors: [{ messageId: 'rows', line: 1, column: 1, message: '1001 rows' }] },
    { sql: 'INSERT INTO t (a) VALUES (1), (2), (3);', payload: { number: 2 }, errors: 1 },
    { sql: 'INSERT IGNORE INTO t (a) VALUES (1), (2), (3);', engine: 'mysql', payload: { number: 2 }, errors: [{ messageId: 'rows', message: '3 rows' }] },
  ],
});
