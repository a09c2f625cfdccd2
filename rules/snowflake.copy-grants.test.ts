import { testRule } from '../src/lint/rule-tester.js';
import rule from './snowflake.copy-grants.js';

testRule(rule, {
  valid: [
    'CREATE OR REPLACE VIEW ACTIVE_USERS COPY GRANTS AS SELECT ID FROM USERS WHERE ACTIVE;',
    'CREATE VIEW ACTIVE_USERS AS SELECT ID FROM USERS WHERE ACTIVE;',
    'CREATE OR REPLACE SECURE VIEW V COPY GRANTS (A COMMENT \'x\') AS SELECT 1 AS A;',
    'CREATE OR REPLACE TEMPORARY TABLE SCRATCH (ID NUMBER);',
  ],
  invalid: [
    { sql: 'CREATE OR REPLACE VIEW ACTIVE_USERS AS SELECT ID FROM USERS WHERE ACTIVE;', errors: [{ messageId: 'missing', line: 1, column: 24, message: 'VIEW ACTIVE_USERS' }] },
    { sql: 'CREATE OR REPLACE SECURE VIEW reporting.revenue AS\n  SELECT SUM(AMOUNT) AS TOTAL FROM ORDERS WHERE PAID;', errors: [{ messageId: 'missing', message: 'REVENUE' }] },
    { sql: 'CREATE OR REPLACE TABLE EVENTS (ID NUMBER);', errors: [{ messageId: 'missing', message: 'TABLE EVENTS' }] },
  ],
});
