import { testRule } from '../src/lint/rule-tester.js';
import rule from './index.concurrently-in-transaction.js';

testRule(rule, {
  valid: [
    'CREATE INDEX CONCURRENTLY idx_users_email ON users (email);',
    'BEGIN;\nUPDATE t SET a = 1 WHERE b = 2;\nCOMMIT;\nCREATE INDEX CONCURRENTLY i ON t (a);',
    'BEGIN;\nREINDEX TABLE users;\nCOMMIT;',
    "BEGIN;\nCOMMENT ON TABLE users IS 'rebuilt concurrently';\nCOMMIT;",
  ],
  invalid: [
    { sql: 'BEGIN;\nCREATE INDEX CONCURRENTLY idx_users_email ON users (email);\nCOMMIT;', errors: [{ messageId: 'tx', line: 2, column: 1, message: 'line 1' }] },
    { sql: 'START TRANSACTION;\nDROP INDEX CONCURRENTLY i;', errors: [{ messageId: 'tx', message: 'DROP INDEX CONCURRENTLY' }] },
    { sql: 'BEGIN;\nREINDEX TABLE CONCURRENTLY users;', errors: [{ messageId: 'tx', line: 2, message: 'REINDEX CONCURRENTLY' }] },
    { sql: 'BEGIN;\nREINDEX (CONCURRENTLY) INDEX users_email;', errors: [{ messageId: 'tx', message: 'REINDEX CONCURRENTLY' }] },
    { sql: 'BEGIN;\nALTER TABLE measurements DETACH PARTITION measurements_2024 CONCURRENTLY;', errors: [{ messageId: 'tx', message: 'DETACH PARTITION CONCURRENTLY' }] },
  ],
});
