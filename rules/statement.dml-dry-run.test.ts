import { testRule } from '../src/lint/rule-tester.js';
import { liveTestDb } from '../test/support/lint-live-db.js';
import { liveMysqlTestDb } from '../test/support/lint-live-mysql.js';
import rule from './statement.dml-dry-run.js';

const db = liveTestDb('dry_run', 'CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);');

testRule(rule, {
  valid: [
    { sql: "UPDATE users SET name = 'x' WHERE id = 1;", engine: 'postgres', live: true },
    { sql: "INSERT INTO users (id, name) VALUES (1, 'a');", engine: 'postgres', live: true },
    { sql: "ALTER TABLE users ADD COLUMN nickname text;\nUPDATE users SET nickname = 'x' WHERE id = 1;", engine: 'postgres', live: true },
    { sql: 'DELETE FROM sessions WHERE id = 1;', engine: 'postgres', live: true, before: 'CREATE TABLE sessions (id bigint PRIMARY KEY);' },
  ],
  invalid: [
    { sql: "UPDATE users SET nickname = 'x' WHERE id = 1;", engine: 'postgres', live: true, errors: [{ messageId: 'fails', line: 1, column: 1, message: 'nickname' }] },
    { sql: 'DELETE FROM sessions WHERE id = 1;', engine: 'postgres', live: true, errors: [{ messageId: 'fails', message: 'sessions' }] },
    { sql: "INSERT INTO users (id, name) VALUES ('abc', 'a');", engine: 'postgres', live: true, errors: 1 },
  ],
}, { db });

const mysqlDb = liveMysqlTestDb('dry_run', 'CREATE TABLE users (id bigint PRIMARY KEY, name varchar(50) NOT NULL) ENGINE=InnoDB;');

testRule(rule, {
  valid: [
    { sql: "UPDATE users SET name = 'x' WHERE id = 1;", engine: 'mysql', live: true },
    { sql: "INSERT INTO users (id, name) VALUES (1, 'a');", engine: 'mysql', live: true },
    { sql: "UPDATE users SET name = 'y' WHERE id = 2;", engine: 'tidb', live: true },
    { sql: 'DELETE FROM sessions WHERE id = 1;', engine: 'tidb', live: true, before: 'CREATE TABLE sessions (id bigint PRIMARY KEY);' },
  ],
  invalid: [
    { sql: "UPDATE users SET nickname = 'x' WHERE id = 1;", engine: 'mysql', live: true, errors: [{ messageId: 'fails', line: 1, column: 1, message: 'nickname' }] },
    { sql: 'DELETE FROM sessions WHERE id = 1;', engine: 'mysql', live: true, errors: [{ messageId: 'fails', message: 'sessions' }] },
    { sql: 'DELETE FROM users WHERE nickname = 1;', engine: 'tidb', live: true, errors: [{ messageId: 'fails', message: 'nickname' }] },
    { sql: 'INSERT INTO users (id, nickname) VALUES (1, 2);', engine: 'tidb', live: true, errors: 1 },
  ],
}, { db: mysqlDb });
