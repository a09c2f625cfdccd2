import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.uncommitted-transaction.js';

testRule(rule, {
  valid: ['BEGIN;\nALTER TABLE users ADD COLUMN note text;\nCOMMIT;', 'ALTER TABLE users ADD COLUMN note text;'],
  invalid: [
    { sql: 'BEGIN;\nALTER TABLE users ADD COLUMN note text;', errors: [{ messageId: 'open', line: 1, column: 1 }] },
    { sql: 'BEGIN;\nCOMMIT;\nSTART TRANSACTION;\nSELECT 1;', errors: [{ messageId: 'open', line: 3 }] },
  ],
});
