import { testRule } from '../src/lint/rule-tester.js';
import { liveTestDb } from '../test/support/lint-live-db.js';
import rule from './statement.dml-dry-run.js';

const db = liveTestDb('dry_run', 'CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);');

testRule(rule, {
  valid: [
    { sql: "UPDATE users SET name = 'x' WHERE id = 1;", live: true },
    { sql: "INSERT INTO users (id, name) VALUES (1, 'a');", live: true },
    { sql: "ALTER TABLE users ADD COLUMN nickname text;\nUPDATE users SET nickname = 'x' WHERE id = 1;", live: true },
    { sql: 'DELETE FROM sessions WHERE id = 1;', live: true, before: 'CREATE TABLE sessions (id bigint PRIMARY KEY);' },
  ],
  invalid: [
    { sql: "UPDATE users SET nickname = 'x' WHERE id = 1;", live: true, errors: [{ messageId: 'fails', line: 1, column: 1, message: 'nickname' }] },
    { sql: 'DELETE FROM sessions WHERE id = 1;', live: true, errors: [{ messageId: 'fails', message: 'sessions' }] },
    { sql: "INSERT INTO users (id, name) VALUES ('abc', 'a');", live: true, errors: 1 },
  ],
}, { db });
