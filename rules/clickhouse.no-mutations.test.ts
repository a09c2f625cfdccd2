import { testRule } from '../src/lint/rule-tester.js';
import rule from './clickhouse.no-mutations.js';

testRule(rule, {
  valid: [
    'ALTER TABLE events ADD COLUMN status LowCardinality(String) DEFAULT \'new\';',
    'ALTER TABLE events DROP PARTITION 202401;',
    'INSERT INTO events (id) VALUES (1);',
  ],
  invalid: [
    { sql: "ALTER TABLE events UPDATE status = 'done' WHERE id = 1;", errors: [{ messageId: 'mutation', line: 1, column: 20, message: 'ALTER TABLE … UPDATE on events' }] },
    { sql: 'ALTER TABLE db.events ON CLUSTER c DELETE WHERE ts < now() - INTERVAL 1 YEAR, UPDATE x = 1 WHERE 1;', errors: [{ messageId: 'mutation', message: 'DELETE on db.events' }, { messageId: 'mutation', message: 'UPDATE on db.events' }] },
    { sql: 'DELETE FROM events WHERE id = 1;', errors: [{ messageId: 'mutation', line: 1, column: 1, message: 'DELETE FROM on events' }] },
  ],
});
