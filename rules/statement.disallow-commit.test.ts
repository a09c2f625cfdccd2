import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.disallow-commit.js';

testRule(rule, {
  valid: [
    'CREATE TABLE t (id bigint PRIMARY KEY);', 'SAVEPOINT a;',
    { sql: 'START TRANSACTION;', engine: 'mysql' },
    { sql: 'ROLLBACK;', engine: 'mysql' },
  ],
  invalid: [
    { sql: 'CREATE TABLE t (id bigint PRIMARY KEY);\nCOMMIT;', errors: [{ messageId: 'commit', line: 2, column: 1 }] },
    { sql: 'BEGIN;\nUPDATE t SET a = 1 WHERE id = 2;\nEND;', engine: 'postgres', errors: 1 },
    { sql: 'START TRANSACTION;\nUPDATE t SET a = 1 WHERE id = 2;\nCOMMIT WORK;', engine: 'mysql', errors: [{ messageId: 'commit', line: 3 }] },
    { sql: 'BEGIN;\nDELETE FROM t WHERE id = 2;\nCOMMIT;', engine: 'tidb', errors: [{ messageId: 'commit', line: 3 }] },
  ],
});
