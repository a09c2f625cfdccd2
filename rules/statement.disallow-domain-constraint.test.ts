import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.disallow-domain-constraint.js';

testRule(rule, {
  valid: ['CREATE DOMAIN positive AS int;', 'CREATE DOMAIN code AS text NOT NULL DEFAULT \'x\';', 'ALTER DOMAIN positive DROP CONSTRAINT c;'],
  invalid: [
    { sql: 'CREATE DOMAIN positive AS int CHECK (VALUE > 0);', errors: [{ messageId: 'create', line: 1, column: 1, message: 'positive' }] },
    { sql: 'ALTER DOMAIN app.positive ADD CONSTRAINT c CHECK (VALUE > 0);', errors: [{ messageId: 'alter', message: 'app.positive' }] },
  ],
});
