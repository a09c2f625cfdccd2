import { testRule } from '../src/lint/rule-tester.js';
import rule from './index.pk-type-limit.js';

testRule(rule, {
  valid: [
    'CREATE TABLE t (id bigint unsigned AUTO_INCREMENT PRIMARY KEY, code varchar(20));',
    'CREATE TABLE t (id SERIAL PRIMARY KEY, code varchar(20));',
    'CREATE TABLE t (a int NOT NULL, b bigint NOT NULL, name varchar(20), PRIMARY KEY (a, b));',
    { sql: 'ALTER TABLE t ADD PRIMARY KEY (id);', before: 'CREATE TABLE t (id int NOT NULL);' },
  ],
  invalid: [
    { sql: 'CREATE TABLE t (id varchar(36) PRIMARY KEY);', errors: [{ messageId: 'type', line: 1, column: 17, message: 't.id is varchar(36)' }] },
    { sql: 'CREATE TABLE t (a int NOT NULL, code char(3) NOT NULL, PRIMARY KEY (a, code));', errors: [{ messageId: 'type', message: 't.code is char(3)' }] },
    { sql: 'ALTER TABLE t ADD PRIMARY KEY (uid);', before: 'CREATE TABLE t (uid binary(16) NOT NULL);', errors: [{ messageId: 'type', message: 'binary(16)' }] },
  ],
});
