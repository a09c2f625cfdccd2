import { testRule } from '../src/lint/rule-tester.js';
import rule from './snowflake.transient-table.js';

testRule(rule, {
  valid: [
    'CREATE TABLE ORDERS (ID NUMBER PRIMARY KEY);',
    'CREATE TEMPORARY TABLE SCRATCH (ID NUMBER);',
    'CREATE SCHEMA IF NOT EXISTS STAGING;',
  ],
  invalid: [
    { sql: 'CREATE TRANSIENT TABLE ORDERS (ID NUMBER PRIMARY KEY);', errors: [{ messageId: 'transient', line: 1, column: 24, message: 'TRANSIENT table ORDERS' }] },
    { sql: 'CREATE OR REPLACE TRANSIENT SCHEMA MARTS;', errors: [{ messageId: 'transient', message: 'schema MARTS' }] },
    { sql: 'CREATE TRANSIENT TABLE IF NOT EXISTS raw.events CLONE raw.events_base;', errors: 1 },
  ],
});
