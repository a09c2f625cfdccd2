import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.maximum-sql-size.js';

testRule(rule, {
  valid: ['SELECT 1;', { sql: `-- ${'x'.repeat(1000)}\nSELECT 1;`, payload: { number: 0.01 } },
    { sql: 'SELECT `a` FROM t WHERE id = 1;', engine: 'mysql' },
    { sql: 'DELIMITER ;;\nCREATE PROCEDURE p() BEGIN SELECT 1; END;;\nDELIMITER ;', engine: 'tidb' },
  ],
  invalid: [
    { sql: `-- ${'x'.repeat(2 * 1024 * 1024)}\nSELECT 1;`, errors: [{ messageId: 'size', line: 1, column: 1, message: '2.00 MB' }] },
    { sql: `-- ${'x'.repeat(20000)}\nSELECT 1;`, payload: { number: 0.01 }, errors: 1 },
    { sql: `# ${'x'.repeat(20000)}\nSELECT 1;`, engine: 'mysql', payload: { number: 0.01 }, errors: [{ messageId: 'size', line: 1, column: 1 }] },
    { sql: `INSERT INTO t (a) VALUES ('${'x'.repeat(20000)}');`, engine: 'tidb', payload: { number: 0.01 }, errors: 1 },
  ],
});
