import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.required.js';

testRule(rule, {
  valid: [
    'CREATE TABLE notes (id bigint PRIMARY KEY, body text, created_ts timestamptz, updated_ts timestamptz, creator_id bigint, updater_id bigint);',
    { sql: 'CREATE TABLE notes (id bigint PRIMARY KEY, created_at timestamptz);', payload: { list: ['id', 'created_at'] } },
    'ALTER TABLE notes DROP COLUMN body;',
    { sql: 'CREATE TABLE NOTES (ID NUMBER PRIMARY KEY, CREATED_TS TIMESTAMP_LTZ, UPDATED_TS TIMESTAMP_LTZ, CREATOR_ID NUMBER, UPDATER_ID NUMBER);', engine: 'snowflake' },
    { sql: 'CREATE TABLE notes_copy CLONE notes;', engine: 'snowflake' },
  ],
  invalid: [
    { sql: 'CREATE TABLE notes (id bigint PRIMARY KEY, body text);', errors: [{ messageId: 'missing', line: 1, column: 14, message: 'created_ts, updated_ts, creator_id, updater_id' }] },
    { sql: 'ALTER TABLE notes DROP COLUMN created_ts;', errors: [{ messageId: 'dropped', message: 'dropped' }] },
    { sql: 'ALTER TABLE notes RENAME COLUMN id TO note_id;', errors: [{ messageId: 'dropped', message: 'renamed' }] },
    { sql: 'CREATE OR REPLACE TABLE notes (ID NUMBER, BODY STRING);', engine: 'snowflake', errors: [{ messageId: 'missing', message: 'NOTES' }] },
    { sql: 'ALTER TABLE notes DROP COLUMN updater_id;', engine: 'snowflake', errors: [{ messageId: 'dropped', message: 'UPDATER_ID' }] },
  ],
});
