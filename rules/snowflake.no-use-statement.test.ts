import { testRule } from '../src/lint/rule-tester.js';
import rule from './snowflake.no-use-statement.js';

testRule(rule, {
  valid: [
    'CREATE TABLE ANALYTICS.STAGING.EVENTS (ID NUMBER PRIMARY KEY);',
    "ALTER SESSION SET QUERY_TAG = 'migration';",
    'SELECT CURRENT_SCHEMA();',
  ],
  invalid: [
    { sql: 'USE SCHEMA ANALYTICS.STAGING;', errors: [{ messageId: 'use', line: 1, column: 1, message: 'USE SCHEMA ANALYTICS.STAGING' }] },
    { sql: 'CREATE TABLE A (ID NUMBER);\nuse role sysadmin;', errors: [{ messageId: 'use', line: 2, message: 'ROLE SYSADMIN' }] },
    { sql: 'USE analytics;', errors: [{ messageId: 'use', message: 'DATABASE ANALYTICS' }] },
  ],
});
