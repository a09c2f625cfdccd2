import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.where.maximum-logical-operator-count.js';

const list = (n: number): string => Array.from({ length: n }, (_, i) => i + 1).join(', ');
const ors = (n: number): string => Array.from({ length: n + 1 }, (_, i) => `a = ${i}`).join(' OR ');

testRule(rule, {
  valid: [
    `SELECT id FROM users WHERE id IN (${list(10)});`,
    `DELETE FROM users WHERE ${ors(10)};`,
    { sql: 'SELECT id FROM users WHERE id IN (1, 2) OR a = 1;', payload: { number: 2 } },
  ],
  invalid: [
    { sql: `SELECT id FROM users WHERE id IN (${list(11)});`, errors: [{ messageId: 'in', line: 1, column: 31, message: '11 values' }] },
    { sql: `UPDATE users SET a = 1 WHERE ${ors(11)};`, errors: [{ messageId: 'or', message: '11 OR' }] },
    { sql: 'DELETE FROM t WHERE a IN (1, 2) AND b NOT IN (1, 2, 3);', payload: { number: 2 }, errors: [{ messageId: 'in', column: 43, message: '3 values' }] },
  ],
});
