import { testRule } from '../src/lint/rule-tester.js';
import { liveTestDb } from '../test/support/lint-live-db.js';
import { liveMysqlTestDb } from '../test/support/lint-live-mysql.js';
import rule from './statement.affected-row-limit.js';

const db = liveTestDb('affected_rows', `
  CREATE TABLE events (id bigint PRIMARY KEY, kind text);
  INSERT INTO events SELECT g, 'k' || (g % 10) FROM generate_series(1, 5000) g;
  ANALYZE events;`);

testRule(rule, {
  valid: [
    { sql: 'DELETE FROM events WHERE id = 42;', engine: 'postgres', live: true },
    { sql: "UPDATE events SET kind = 'x' WHERE id < 100;", engine: 'postgres', live: true },
    { sql: 'CREATE TABLE t (id int);\nDELETE FROM t;', engine: 'postgres', live: true },
    { sql: 'DELETE FROM events;', engine: 'postgres', live: true, payload: { number: 10000 } },
  ],
  invalid: [
    { sql: 'DELETE FROM events;', engine: 'postgres', live: true, errors: [{ messageId: 'rows', line: 1, column: 1, message: 'DELETE on events' }] },
    { sql: "UPDATE events SET kind = 'x' WHERE kind <> 'k1';", engine: 'postgres', live: true, errors: [{ messageId: 'rows', message: 'UPDATE on events' }] },
  ],
}, { db });

const mysqlDb = liveMysqlTestDb('affected_rows', `
  CREATE TABLE events (id bigint PRIMARY KEY, kind varchar(10), KEY idx_kind (kind)) ENGINE=InnoDB;
  CREATE TABLE digits (n int) ENGINE=InnoDB;
  INSERT INTO digits (n) VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9);
  INSERT INTO events (id, kind) SELECT a.n * 1000 + b.n * 100 + c.n * 10 + d.n + 1, CONCAT('k', d.n) FROM digits a, digits b, digits c, digits d WHERE a.n < 3;
  ANALYZE TABLE events;`);

testRule(rule, {
  valid: [
    { sql: 'DELETE FROM events WHERE id = 42;', engine: 'mysql', live: true },
    { sql: "UPDATE events SET kind = 'x' WHERE id < 100;", engine: 'mysql', live: true },
    { sql: 'CREATE TABLE t (id int PRIMARY KEY);\nDELETE FROM t;', engine: 'mysql', live: true },
  ],
  invalid: [
    { sql: 'DELETE FROM events;', engine: 'mysql', live: true, errors: [{ messageId: 'rows', line: 1, column: 1, message: 'DELETE on events' }] },
    { sql: "UPDATE `events` SET kind = 'x' WHERE kind <> 'k1';", engine: 'mysql', live: true, errors: [{ messageId: 'rows', message: 'UPDATE on events' }] },
  ],
}, { db: mysqlDb });
