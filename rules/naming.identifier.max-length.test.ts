import { testRule } from '../src/lint/rule-tester.js';
import rule from './naming.identifier.max-length.js';

const long = 'x'.repeat(64);
testRule(rule, {
  valid: ['CREATE TABLE accounts (id bigint PRIMARY KEY);', `COMMENT ON TABLE accounts IS '${long}';`, `CREATE TABLE t (${'y'.repeat(63)} int);`],
  invalid: [
    { sql: `CREATE TABLE ${long} (id bigint PRIMARY KEY);`, errors: [{ messageId: 'long', line: 1, column: 14, message: '64 bytes' }] },
    { sql: `ALTER TABLE t ADD COLUMN "${'é'.repeat(32)}" int;`, errors: [{ messageId: 'long', message: '64 bytes' }] },
    { sql: `CREATE TABLE "${'word '.repeat(13)}" (id int);`, errors: [{ messageId: 'long', message: '65 bytes' }] },
    { sql: `CREATE TABLE "${Array.from({ length: 4 }, () => 'a'.repeat(15)).join('""')}" (id int);`, errors: [{ messageId: 'long', message: '63 bytes' }], payload: { maxLength: 62 } },
  ],
});
