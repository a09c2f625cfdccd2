import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.prefer-robust.js';

testRule(rule, {
  valid: [
    '-- bb:transaction off\nCREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email ON users (email);',
    'CREATE TABLE t (id bigint PRIMARY KEY);\nCREATE INDEX i ON t (id);',
    '-- bb:transaction off\nDROP INDEX CONCURRENTLY IF EXISTS i;\nALTER TABLE t ADD COLUMN IF NOT EXISTS c int;',
  ],
  invalid: [
    { sql: '-- bb:transaction off\nCREATE INDEX CONCURRENTLY idx_users_email ON users (email);', errors: [{ messageId: 'robust', line: 2, column: 1, message: 'CREATE INDEX' }] },
    { sql: 'CREATE INDEX CONCURRENTLY i ON t (a);\nDROP TABLE old;', errors: 2 },
  ],
});
