import { testRule } from '../src/lint/rule-tester.js';
import rule from './snowflake.drop-database-or-schema.js';

testRule(rule, {
  valid: [
    'DROP TABLE LEGACY.OLD_EVENTS_DEL;',
    'DROP VIEW IF EXISTS REPORTING.V_OLD;',
    'CREATE SCHEMA IF NOT EXISTS STAGING;',
  ],
  invalid: [
    { sql: 'DROP SCHEMA LEGACY;', errors: [{ messageId: 'drop', line: 1, column: 13, message: 'DROP SCHEMA LEGACY' }] },
    { sql: 'DROP DATABASE IF EXISTS ANALYTICS_OLD;', errors: [{ messageId: 'drop', message: 'DATABASE ANALYTICS_OLD' }] },
    { sql: 'drop schema analytics.raw cascade;', errors: 1 },
  ],
});
