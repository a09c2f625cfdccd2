import { testRule } from '../src/lint/rule-tester.js';
import rule from './system.comment.length.js';

testRule(rule, {
  valid: ["COMMENT ON TABLE t IS 'short';", 'COMMENT ON TABLE t IS NULL;'],
  invalid: [
    { sql: `COMMENT ON TABLE t IS '${'x'.repeat(65)}';`, errors: [{ messageId: 'long', line: 1, column: 1, message: '65 characters' }] },
    { sql: "COMMENT ON COLUMN t.a IS 'abcdef';", payload: { number: 3 }, errors: 1 },
  ],
});
