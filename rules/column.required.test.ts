import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.required.js';

testRule(rule, {
  valid: [
    'CREATE TABLE notes (id bigint PRIMARY KEY, body text, created_ts timestamp, updated_ts timestamp, creator_id bigint, updater_id bigint);',
    { sql: 'CREATE TABLE notes (id bigint PRIMARY KEY, created_at timestamp);', payload: { list: ['id', 'created_at'] } },
    'ALTER TABLE notes DROP COLUMN body;',
    { sql: 'CREATE TABLE NOTES (ID NUMBER PRIMARY KEY, CREATED_TS TIMESTAMP_LTZ, UPDATED_TS TIMESTAMP_LTZ, CREATOR_ID NUMBER, UPDATER_ID NUMBER);', engine: 'snowflake' },
    { sql: 'CREATE TABLE notes_copy CLONE notes;', engine: 'snowflake' },
    { sql: 'CREATE TABLE `notes` (`id` bigint unsigned NOT NULL AUTO_INCREMENT, `created_ts` datetime, `updated_ts` datetime, `creator_id` int, `updater_id` int, PRIMARY KEY (`id`)) ENGINE=InnoDB;', engine: 'mysql' },
    { sql: 'ALTER TABLE notes CHANGE COLUMN body content text, MODIFY COLUMN id bigint unsigned NOT NULL;', engine: 'mysql' },
  ],
  invalid: [
    { sql: 'CREATE TABLE notes (id bigint PRIMARY KEY, body text);', errors: [{ messageId: 'missing', line: 1, column: 14, message: 'created_ts, updated_ts, creator_id, updater_id' }] },
    { sql: 'ALTER TABLE notes DROP COLUMN created_ts;', errors: [{ messageId: 'dropped', message: 'dropped' }] },
    { sql: 'ALTER TABLE notes RENAME COLUMN id TO note_id;', errors: [{ messageId: 'dropped', message: 'renamed' }] },
    { sql: 'CREATE OR REPLACE TABLE notes (ID NUMBER, BODY STRING);', engine: 'snowflake', errors: [{ messageId: 'missing', message: 'NOTES' }] },
    { sql: 'CREATE TABLE `notes` (`id` bigint NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB;', engine: 'mysql', errors: [{ messageId: 'missing', line: 1, column: 14, message: 'created_ts, updated_ts, creator_id, updater_id' }] },
    { sql: 'ALTER TABLE notes CHANGE COLUMN creator_id author_id bigint;', engine: 'tidb', errors: [{ messageId: 'dropped', message: 'creator_id of notes is required and must not be renamed' }] },
    { sql: 'ALTER TABLE notes DROP COLUMN updater_id;', engine: 'snowflake', errors: [{ messageId: 'dropped', message: 'UPDATER_ID' }] },
  ],
});
