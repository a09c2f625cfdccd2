import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.disallow-transaction-nesting.js';

testRule(rule, {
  valid: ['ALTER TABLE users ADD COLUMN note text;', '-- bb:transaction off\nBEGIN;\nALTER TABLE users ADD COLUMN note text;\nCOMMIT;'],
  invalid: [
    { sql: 'BEGIN;\nALTER TABLE users ADD COLUMN note text;', errors: [{ messageId: 'nested', line: 1, column: 1 }] },
    { sql: 'SELECT 1;\nSTART TRANSACTION;\nSELECT 2;', errors: [{ messageId: 'nested', line: 2 }] },
  ],
});
