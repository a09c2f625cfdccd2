import { testRule } from '../src/lint/rule-tester.js';
import rule from './clickhouse.mv-source-column-drop.js';

const mv = 'CREATE MATERIALIZED VIEW daily_mv TO daily AS SELECT toDate(ts) AS day, count() AS n FROM events GROUP BY day;\n';

testRule(rule, {
  valid: [
    `${mv}ALTER TABLE events DROP COLUMN payload;`,
    `${mv}DROP VIEW daily_mv;\nALTER TABLE events DROP COLUMN ts;`,
    'ALTER TABLE events DROP COLUMN ts;',
    `${mv}ALTER TABLE other DROP COLUMN ts;`,
    { sql: 'ALTER TABLE events DROP COLUMN ts;', before: [mv, 'DROP VIEW daily_mv;'] },
  ],
  invalid: [
    { sql: `${mv}ALTER TABLE events DROP COLUMN ts;`, errors: [{ messageId: 'drop', line: 2, column: 20, message: 'Dropping ts of events breaks materialized view daily_mv' }] },
    { sql: 'CREATE MATERIALIZED VIEW copy_mv TO copy AS SELECT * FROM db.events;\nALTER TABLE db.events RENAME COLUMN name TO title;', errors: [{ messageId: 'rename', line: 2, message: 'Renaming name of db.events breaks materialized view copy_mv' }] },
    { sql: 'ALTER TABLE events DROP COLUMN ts;', before: ['CREATE TABLE events (ts DateTime, id UInt64) ENGINE = MergeTree ORDER BY id;', mv], errors: [{ messageId: 'drop', line: 1, column: 20, message: 'daily_mv' }] },
  ],
});
