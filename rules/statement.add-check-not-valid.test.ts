import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.add-check-not-valid.js';

testRule(rule, {
  valid: [
    'ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total >= 0) NOT VALID;',
    'ALTER TABLE orders VALIDATE CONSTRAINT total_positive;',
    'CREATE TABLE orders (id bigint PRIMARY KEY, total int);\nALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total >= 0);',
  ],
  invalid: [
    { sql: 'ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total >= 0);', errors: [{ messageId: 'check', line: 1, column: 24, message: 'total_positive' }] },
    { sql: 'ALTER TABLE app.orders ADD CHECK (total >= 0);', errors: [{ messageId: 'check', message: 'app.orders' }] },
  ],
});
