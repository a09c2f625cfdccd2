import { testRule } from '../src/lint/rule-tester.js';
import rule from './index.no-duplicate-column.js';

testRule(rule, {
  valid: ['CREATE INDEX idx_t_a_b ON t (a, b);', 'CREATE TABLE t (a int, b int, PRIMARY KEY (a, b));'],
  invalid: [
    { sql: 'CREATE INDEX idx_t_a_a ON t (a, a);', errors: [{ messageId: 'dup', line: 1, column: 1, message: 'column a' }] },
    { sql: 'ALTER TABLE t ADD CONSTRAINT uk UNIQUE (a, b, a);', errors: [{ messageId: 'dup', message: 'Unique key uk' }] },
  ],
});
