import { testRule } from '../src/lint/rule-tester.js';
import rule from './snowflake.alter-column-type.js';

testRule(rule, {
  valid: [
    'ALTER TABLE EVENTS ALTER COLUMN NOTE SET DATA TYPE VARCHAR(2000);',
    'ALTER TABLE EVENTS MODIFY COLUMN AMOUNT TYPE NUMBER(20,2);',
    'ALTER TABLE EVENTS ALTER COLUMN NOTE SET NOT NULL;',
  ],
  invalid: [
    { sql: 'ALTER TABLE EVENTS ALTER COLUMN CREATED SET DATA TYPE TIMESTAMP_LTZ;', errors: [{ messageId: 'change', line: 1, column: 33, message: 'CREATED to TIMESTAMP_LTZ' }] },
    { sql: 'ALTER TABLE EVENTS MODIFY AMOUNT SET DATA TYPE FLOAT;', errors: [{ messageId: 'change', message: 'FLOAT' }] },
    { sql: 'ALTER TABLE EVENTS ALTER COLUMN A TYPE VARIANT, COLUMN B SET DATA TYPE STRING;', errors: 1 },
  ],
});
