import { testRule } from '../src/lint/rule-tester.js';
import { liveTestDb } from '../test/support/lint-live-db.js';
import rule from './statement.affected-row-limit.js';

const db = liveTestDb('affected_rows', `
  CREATE TABLE events (id bigint PRIMARY KEY, kind text);
  INSERT INTO events SELECT g, 'k' || (g % 10) FROM generate_series(1, 5000) g;
  ANALYZE events;`);

testRule(rule, {
  valid: [
    { sql: 'DELETE FROM events WHERE id = 42;', live: true },
    { sql: "UPDATE events SET kind = 'x' WHERE id < 100;", live: true },
    { sql: 'CREATE TABLE t (id int);\nDELETE FROM t;', live: true },
    { sql: 'DELETE FROM events;', live: true, payload: { number: 10000 } },
  ],
  invalid: [
    { sql: 'DELETE FROM events;', live: true, errors: [{ messageId: 'rows', line: 1, column: 1, message: 'DELETE on events' }] },
    { sql: "UPDATE events SET kind = 'x' WHERE kind <> 'k1';", live: true, errors: [{ messageId: 'rows', message: 'UPDATE on events' }] },
  ],
}, { db });
