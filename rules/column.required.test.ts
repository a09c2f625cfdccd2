import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.required.js';

testRule(rule, {
  valid: [
    'CREATE TABLE notes (id bigint PRIMARY KEY, body text, created_ts timestamptz, updated_ts timestamptz, creator_id bigint, updater_id bigint);',
    { sql: 'CREATE TABLE notes (id bigint PRIMARY KEY, created_at timestamptz);', payload: { list: ['id', 'created_at'] } },
    'ALTER TABLE notes DROP COLUMN body;',
  ],
  invalid: [
    { sql: 'CREATE TABLE notes (id bigint PRIMARY KEY, body text);', errors: [{ messageId: 'missing', line: 1, column: 14, message: 'created_ts, updated_ts, creator_id, updater_id' }] },
    { sql: 'ALTER TABLE notes DROP COLUMN created_ts;', errors: [{ messageId: 'dropped', message: 'dropped' }] },
    { sql: 'ALTER TABLE notes RENAME COLUMN id TO note_id;', errors: [{ messageId: 'dropped', message: 'renamed' }] },
  ],
});
