import { testRule } from '../src/lint/rule-tester.js';
import { liveMysqlTestDb } from '../test/support/lint-live-mysql.js';
import rule from './table.limit-size.js';

const db = liveMysqlTestDb('limit_size', `
  CREATE TABLE events (id bigint PRIMARY KEY, kind varchar(10)) ENGINE=InnoDB;
  INSERT INTO events (id, kind) VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e'), (6, 'f');
  CREATE TABLE tiny (id bigint PRIMARY KEY) ENGINE=InnoDB;
  ANALYZE TABLE events, tiny;`);

const payload = { number: 3 };

testRule(rule, {
  valid: [
    { sql: 'ALTER TABLE tiny ADD COLUMN note text;', payload, live: true },
    { sql: 'CREATE TABLE events2 (id int PRIMARY KEY);\nALTER TABLE events2 ADD COLUMN note text;', payload, live: true },
    { sql: 'ALTER TABLE events ADD COLUMN note text;', live: true },
  ],
  invalid: [
    { sql: 'ALTER TABLE events ADD COLUMN note text;', payload, live: true, errors: [{ messageId: 'big', line: 1, column: 1, message: 'ALTER TABLE on events' }] },
    { sql: 'CREATE INDEX idx_kind ON events (kind);', payload, live: true, errors: [{ messageId: 'big', message: 'events' }] },
    { sql: 'TRUNCATE TABLE events;', payload, live: true, errors: 1 },
  ],
}, { db });
