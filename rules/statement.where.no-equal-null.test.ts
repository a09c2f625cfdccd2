import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.where.no-equal-null.js';

testRule(rule, {
  valid: [
    'DELETE FROM sessions WHERE user_id IS NULL;',
    'SELECT id FROM users WHERE deleted_at IS NOT NULL AND name <=> NULL;',
    "UPDATE users SET note = NULL WHERE id = 1;",
  ],
  invalid: [
    { sql: 'DELETE FROM sessions WHERE user_id = NULL;', errors: [{ messageId: 'equalNull', line: 1, column: 36, message: '"= NULL"' }] },
    { sql: 'SELECT id FROM users WHERE a <> NULL OR b != NULL;', errors: [{ messageId: 'equalNull', message: 'IS NOT NULL' }, { messageId: 'equalNull', message: 'IS NOT NULL' }] },
    { sql: 'UPDATE t SET a = 1 WHERE id IN (SELECT id FROM u WHERE x = NULL);', errors: 1 },
    { sql: 'UPDATE users SET note = NULL WHERE deleted_at = NULL;', errors: [{ messageId: 'equalNull', column: 47 }] },
  ],
});
