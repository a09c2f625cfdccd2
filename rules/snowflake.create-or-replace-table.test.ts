import { testRule } from '../src/lint/rule-tester.js';
import rule from './snowflake.create-or-replace-table.js';

testRule(rule, {
  valid: [
    'CREATE TABLE IF NOT EXISTS EVENTS (ID NUMBER PRIMARY KEY, PAYLOAD VARIANT);',
    'CREATE OR REPLACE VIEW RECENT_EVENTS COPY GRANTS AS SELECT ID FROM EVENTS;',
    'CREATE OR REPLACE TEMPORARY TABLE SCRATCH (ID NUMBER);',
  ],
  invalid: [
    { sql: 'CREATE OR REPLACE TABLE EVENTS (ID NUMBER PRIMARY KEY, PAYLOAD VARIANT);', errors: [{ messageId: 'replace', line: 1, column: 1, message: 'EVENTS' }] },
    { sql: '-- rebuild\ncreate or replace transient table raw.events as select * from staging.events;', errors: [{ messageId: 'replace', line: 2, message: 'RAW.EVENTS' }] },
    { sql: 'CREATE OR REPLACE TABLE EVENTS_COPY CLONE EVENTS;', errors: 1 },
  ],
});
