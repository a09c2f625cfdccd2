import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.prior-backup-check.js';

testRule(rule, {
  valid: ["UPDATE users SET note = '' WHERE note IS NULL;", 'ALTER TABLE users ADD COLUMN note text;\nINSERT INTO users (id) VALUES (1);'],
  invalid: [
    { sql: "ALTER TABLE users ADD COLUMN note text;\nUPDATE users SET note = '' WHERE note IS NULL;", errors: [{ messageId: 'mixed', line: 2, column: 1, message: 'line 1' }] },
    { sql: 'DELETE FROM s WHERE id = 1;\nCREATE INDEX s_idx ON s (a);', errors: 1 },
  ],
});
