import { testRule } from '../src/lint/rule-tester.js';
import rule from './schema.backward-compatibility.js';

testRule(rule, {
  valid: [
    'ALTER TABLE users ADD COLUMN email_verified boolean;',
    'CREATE TABLE tmp (id int);\nDROP TABLE tmp;',
    'CREATE TABLE t (id int, a int);\nALTER TABLE t RENAME COLUMN a TO b;',
  ],
  invalid: [
    { sql: 'ALTER TABLE users DROP COLUMN email;', errors: [{ messageId: 'dropColumn', line: 1, column: 31 }] },
    { sql: 'DROP TABLE users;', errors: [{ messageId: 'dropTable', column: 12 }] },
    { sql: 'ALTER TABLE users RENAME TO members;', errors: [{ messageId: 'renameTable' }] },
    { sql: 'ALTER TABLE users RENAME COLUMN email TO mail;', errors: [{ messageId: 'renameColumn', message: 'users.email to mail' }] },
    { sql: 'ALTER TABLE users ALTER COLUMN age TYPE text, ALTER COLUMN name DROP NOT NULL;', errors: [{ messageId: 'dropNotNull' }, { messageId: 'changeType' }] },
    { sql: 'DROP SCHEMA app;', errors: [{ messageId: 'dropObject', message: 'schema app' }] },
  ],
});
