import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.maximum-sql-size.js';

testRule(rule, {
  valid: ['SELECT 1;', { sql: `-- ${'x'.repeat(1000)}\nSELECT 1;`, payload: { number: 0.01 } }],
  invalid: [
    { sql: `-- ${'x'.repeat(2 * 1024 * 1024)}\nSELECT 1;`, errors: [{ messageId: 'size', line: 1, column: 1, message: '2.00 MB' }] },
    { sql: `-- ${'x'.repeat(20000)}\nSELECT 1;`, payload: { number: 0.01 }, errors: 1 },
  ],
});
