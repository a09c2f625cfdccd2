import { testRule } from '../src/lint/rule-tester.js';
import rule from './naming.column.auto-increment.js';

testRule(rule, {
  valid: [
    'CREATE TABLE users (id bigint AUTO_INCREMENT PRIMARY KEY, user_id bigint);',
    'ALTER TABLE users MODIFY COLUMN id bigint NOT NULL AUTO_INCREMENT;',
    { sql: 'CREATE TABLE users (user_id bigint AUTO_INCREMENT PRIMARY KEY);', payload: { format: '_id$' } },
  ],
  invalid: [
    { sql: 'CREATE TABLE users (user_id bigint AUTO_INCREMENT PRIMARY KEY);', errors: [{ messageId: 'format', line: 1, column: 21, message: 'user_id' }] },
    { sql: 'ALTER TABLE users ADD COLUMN seq int NOT NULL AUTO_INCREMENT UNIQUE;', errors: [{ messageId: 'format', column: 30, message: 'seq' }] },
    { sql: 'CREATE TABLE t (id int AUTO_INCREMENT PRIMARY KEY);', payload: { format: '^i', maxLength: 1 }, errors: [{ messageId: 'length' }] },
  ],
});
