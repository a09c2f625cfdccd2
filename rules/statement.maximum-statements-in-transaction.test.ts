import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.maximum-statements-in-transaction.js';

const updates = (n: number): string => Array.from({ length: n }, (_, i) => `UPDATE t SET a = ${i} WHERE id = ${i};`).join('\n');

testRule(rule, {
  valid: [
    `START TRANSACTION;\n${updates(10)}\nCOMMIT;`,
    `BEGIN;\n${updates(3)}\nCOMMIT;\nSTART TRANSACTION;\n${updates(3)}\nCOMMIT;`,
    { sql: `START TRANSACTION;\n${updates(2)}\nCOMMIT;`, payload: { number: 2 } },
  ],
  invalid: [
    { sql: `START TRANSACTION;\n${updates(11)}\nCOMMIT;`, errors: [{ messageId: 'tooMany', line: 12, column: 1, message: '11 statements' }] },
    { sql: `BEGIN;\n${updates(3)}\nROLLBACK;`, payload: { number: 2 }, errors: [{ messageId: 'tooMany', line: 4 }] },
  ],
});
