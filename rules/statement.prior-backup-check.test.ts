import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.prior-backup-check.js';

testRule(rule, {
  valid: ["UPDATE users SET note = '' WHERE note IS NULL;", 'ALTER TABLE users ADD COLUMN note text;\nINSERT INTO users (id) VALUES (1);',
    { sql: 'UPDATE users SET note = \'\' WHERE note IS NULL;\nDELETE FROM s WHERE id = 1 LIMIT 5;', engine: 'mysql' },
    { sql: 'ALTER TABLE users ADD COLUMN note text, ALGORITHM=INSTANT;\nINSERT INTO users (id) VALUES (1);', engine: 'tidb' },
  ],
  invalid: [
    { sql: "ALTER TABLE users ADD COLUMN note text;\nUPDATE users SET note = '' WHERE note IS NULL;", errors: [{ messageId: 'mixed', line: 2, column: 1, message: 'line 1' }] },
    { sql: 'DELETE FROM s WHERE id = 1;\nCREATE INDEX s_idx ON s (a);', errors: 1 },
    { sql: 'ALTER TABLE users ADD COLUMN note text, LOCK=NONE;\nUPDATE users SET note = \'\' WHERE note IS NULL LIMIT 10;', engine: 'mysql', errors: [{ messageId: 'mixed', line: 2, column: 1, message: 'line 1' }] },
    { sql: 'DELETE FROM s WHERE id = 1;\nRENAME TABLE s TO s_old;', engine: 'mysql', errors: 1 },
  ],
});
