import { testRule } from '../src/lint/rule-tester.js';
import rule from './snowflake.data-retention-zero.js';

testRule(rule, {
  valid: [
    'CREATE TABLE EVENTS (ID NUMBER PRIMARY KEY) DATA_RETENTION_TIME_IN_DAYS = 1;',
    'ALTER TABLE EVENTS SET DATA_RETENTION_TIME_IN_DAYS = 30;',
    'CREATE TABLE EVENTS (ID NUMBER PRIMARY KEY);',
  ],
  invalid: [
    { sql: 'CREATE TABLE EVENTS (ID NUMBER PRIMARY KEY) DATA_RETENTION_TIME_IN_DAYS = 0;', errors: [{ messageId: 'zero', line: 1, column: 45, message: 'EVENTS' }] },
    { sql: 'ALTER TABLE raw.events SET DATA_RETENTION_TIME_IN_DAYS = 0;', errors: [{ messageId: 'zero', message: 'EVENTS' }] },
    { sql: 'ALTER SCHEMA STAGING SET DATA_RETENTION_TIME_IN_DAYS = 0;', errors: [{ messageId: 'zero', message: 'STAGING' }] },
  ],
});
