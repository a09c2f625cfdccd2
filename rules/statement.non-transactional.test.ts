import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.non-transactional.js';

testRule(rule, {
  valid: ['CREATE INDEX users_email_idx ON users (email);', "ALTER TYPE mood RENAME VALUE 'sad' TO 'blue';"],
  invalid: [
    { sql: 'CREATE INDEX CONCURRENTLY users_email_idx ON users (email);', errors: [{ messageId: 'nonTx', line: 1, column: 1, message: 'CREATE INDEX CONCURRENTLY' }] },
    { sql: "ALTER TYPE mood ADD VALUE 'happy';", errors: 1 },
    { sql: 'VACUUM users;', errors: 1 },
  ],
});
