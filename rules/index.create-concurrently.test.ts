import { testRule } from '../src/lint/rule-tester.js';
import rule from './index.create-concurrently.js';

testRule(rule, {
  valid: [
    'CREATE INDEX CONCURRENTLY idx_users_email ON users (email);',
    'CREATE TABLE t (id bigint PRIMARY KEY, a int);\nCREATE INDEX ON t (a);',
    'CREATE TABLE app.t (id bigint PRIMARY KEY, a int);\nCREATE UNIQUE INDEX t_a ON app.t (a);',
  ],
  invalid: [
    { sql: 'CREATE INDEX idx_users_email ON users (email);', errors: [{ messageId: 'concurrently', line: 1, column: 1, message: 'users' }] },
    { sql: 'CREATE TABLE t (id bigint PRIMARY KEY);\nCREATE INDEX ON other (a);', errors: [{ messageId: 'concurrently', line: 2 }] },
    { sql: 'CREATE INDEX ON t (a);', before: 'CREATE TABLE t (id bigint PRIMARY KEY, a int);', errors: 1 },
  ],
});
