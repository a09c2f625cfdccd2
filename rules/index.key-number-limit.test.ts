import { testRule } from '../src/lint/rule-tester.js';
import rule from './index.key-number-limit.js';

testRule(rule, {
  valid: ['CREATE INDEX idx_t_a_b ON t (a, b);', 'CREATE INDEX idx_t ON t (a, b, c, d, e);'],
  invalid: [
    { sql: 'CREATE INDEX idx_t_wide ON t (a, b, c, d, e, f);', errors: [{ messageId: 'many', line: 1, column: 1, message: '6 columns' }] },
    { sql: 'CREATE TABLE t (a int, b int, c int, PRIMARY KEY (a, b, c));', payload: { number: 2 }, errors: 1 },
  ],
});
