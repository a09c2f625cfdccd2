import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.max-execution-time.js';

testRule(rule, {
  valid: [
    'SET SESSION max_execution_time = 60000;\nSELECT id FROM users WHERE id = 1;',
    'SET max_statement_time = 60;\nUPDATE users SET a = 1 WHERE id = 2;',
    'SET @@SESSION.max_execution_time = 1000;\nDELETE FROM t WHERE id = 1;',
  ],
  invalid: [
    { sql: 'SELECT id FROM users WHERE id = 1;', errors: [{ messageId: 'missing', line: 1, column: 1 }] },
    { sql: 'UPDATE users SET a = 1 WHERE id = 2;\nSET max_execution_time = 1000;', errors: [{ messageId: 'missing', line: 1 }] },
  ],
});
