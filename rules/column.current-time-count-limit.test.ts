import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.current-time-count-limit.js';

testRule(rule, {
  valid: [
    'CREATE TABLE t (id int PRIMARY KEY, created_at datetime DEFAULT CURRENT_TIMESTAMP, updated_at datetime DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP);',
    "CREATE TABLE t (id int PRIMARY KEY, a datetime DEFAULT '2020-01-01', b datetime, c timestamp(3) DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3));",
    'ALTER TABLE t ADD COLUMN a datetime DEFAULT NOW(), ADD COLUMN b datetime DEFAULT NOW();',
  ],
  invalid: [
    { sql: 'CREATE TABLE t (id int PRIMARY KEY, a datetime ON UPDATE CURRENT_TIMESTAMP, b datetime ON UPDATE CURRENT_TIMESTAMP);', errors: [{ messageId: 'onUpdate', line: 1, column: 14, message: 'Table t has 2 columns' }] },
    { sql: 'ALTER TABLE t ADD COLUMN a datetime DEFAULT NOW(), ADD COLUMN b datetime DEFAULT CURRENT_TIMESTAMP, ADD COLUMN c timestamp DEFAULT LOCALTIME();', errors: [{ messageId: 'defaults', message: '3 columns' }] },
  ],
});
