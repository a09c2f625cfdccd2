import { testRule } from '../src/lint/rule-tester.js';
import rule from './schema.backward-compatibility.js';

testRule(rule, {
  valid: [
    'ALTER TABLE users ADD COLUMN email_verified boolean;',
    'CREATE TABLE tmp (id int);\nDROP TABLE tmp;',
    'CREATE TABLE t (id int, a int);\nALTER TABLE t RENAME COLUMN a TO b;',
    { sql: 'ALTER TABLE EVENTS ADD COLUMN SOURCE STRING;', engine: 'snowflake' },
    { sql: 'CREATE TRANSIENT TABLE SCRATCH (ID NUMBER);\nDROP TABLE SCRATCH;', engine: 'snowflake' },
    { sql: "ALTER TABLE users MODIFY COLUMN email varchar(100) NOT NULL DEFAULT '', CHANGE COLUMN age age int NOT NULL;", before: 'CREATE TABLE users (id int PRIMARY KEY, email varchar(100) NOT NULL, age INT NOT NULL);', engine: 'mysql' },
    { sql: 'CREATE TABLE tmp (id int);\nRENAME TABLE tmp TO tmp2;', engine: 'tidb' },
  ],
  invalid: [
    { sql: 'ALTER TABLE users DROP COLUMN email;', errors: [{ messageId: 'dropColumn', line: 1, column: 31 }] },
    { sql: 'DROP TABLE users;', errors: [{ messageId: 'dropTable', column: 12 }] },
    { sql: 'ALTER TABLE users RENAME TO members;', errors: [{ messageId: 'renameTable' }] },
    { sql: 'ALTER TABLE users RENAME COLUMN email TO mail;', engine: 'postgres', errors: [{ messageId: 'renameColumn', message: 'users.email to mail' }] },
    { sql: 'ALTER TABLE users ALTER COLUMN age TYPE text, ALTER COLUMN name DROP NOT NULL;', engine: 'postgres', errors: [{ messageId: 'dropNotNull' }, { messageId: 'changeType' }] },
    { sql: 'DROP SCHEMA app;', engine: 'postgres', errors: [{ messageId: 'dropObject', message: 'schema app' }] },
    // Snowflake: upper-case names, its own ALTER COLUMN forms
    { sql: 'ALTER TABLE users RENAME COLUMN email TO mail;', engine: 'snowflake', errors: [{ messageId: 'renameColumn', message: 'USERS.EMAIL to MAIL' }] },
    { sql: 'ALTER TABLE users ALTER COLUMN age SET DATA TYPE NUMBER(10,0), COLUMN name DROP NOT NULL;', engine: 'snowflake', errors: [{ messageId: 'changeType', column: 32 }, { messageId: 'dropNotNull', column: 71 }] },
    { sql: 'ALTER TABLE users CHANGE COLUMN email mail varchar(100) NOT NULL;', before: 'CREATE TABLE users (id int PRIMARY KEY, email varchar(100) NOT NULL);', engine: 'mysql', errors: [{ messageId: 'renameColumn', line: 1, column: 39, message: 'users.email to mail' }] },
    { sql: 'ALTER TABLE users MODIFY COLUMN age bigint;', before: 'CREATE TABLE users (id int PRIMARY KEY, age int NOT NULL);', engine: 'tidb', errors: [{ messageId: 'changeType', message: 'users.age' }, { messageId: 'dropNotNull', message: 'users.age' }] },
    { sql: 'RENAME TABLE users TO members;', engine: 'mysql', errors: [{ messageId: 'renameTable', message: 'users to members' }] },
    { sql: 'DROP SCHEMA analytics.raw;', engine: 'snowflake', errors: [{ messageId: 'dropObject', message: 'schema ANALYTICS.RAW' }] },
  ],
});
