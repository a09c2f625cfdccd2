import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.disallow-drop-in-index.js';

const users = 'CREATE TABLE users (id int PRIMARY KEY, email varchar(100), nick varchar(20), KEY idx_email (email));';

testRule(rule, {
  valid: [
    { sql: 'ALTER TABLE users DROP COLUMN nick;', before: users },
    { sql: 'ALTER TABLE users DROP INDEX idx_email, DROP COLUMN email;', before: users },
    'ALTER TABLE unknown_table DROP COLUMN email;',
    { sql: 'ALTER TABLE users ADD UNIQUE KEY uk_nick (nick);\nALTER TABLE users DROP INDEX uk_nick;\nALTER TABLE users DROP COLUMN nick;', before: users },
  ],
  invalid: [
    { sql: 'ALTER TABLE users DROP COLUMN email;', before: users, errors: [{ messageId: 'indexed', line: 1, column: 31, message: 'users.email is part of index idx_email' }] },
    { sql: `${users}\nCREATE INDEX idx_nick ON users (nick(5));\nALTER TABLE users DROP COLUMN nick;`, errors: [{ messageId: 'indexed', line: 3, message: 'idx_nick' }] },
    { sql: 'ALTER TABLE t DROP COLUMN a;', before: 'CREATE TABLE t (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a, b));', errors: [{ messageId: 'indexed', message: 'PRIMARY' }] },
    { sql: 'ALTER TABLE users ADD UNIQUE KEY uk_nick (nick);\nALTER TABLE users DROP COLUMN nick;', before: users, errors: [{ messageId: 'indexed', line: 2, message: 'uk_nick' }] },
  ],
});
