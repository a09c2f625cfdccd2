import { testRule } from '../src/lint/rule-tester.js';
import rule from './column.require-default.js';

testRule(rule, {
  valid: [
    "CREATE TABLE t (id bigint PRIMARY KEY, status text DEFAULT 'new');",
    { sql: 'CREATE TABLE t (id bigserial, n int GENERATED ALWAYS AS (1) STORED, PRIMARY KEY (id));', engine: 'postgres' },
    { sql: 'CREATE TABLE `t` (`id` bigint unsigned NOT NULL AUTO_INCREMENT, `body` text, `doc` json, `n` int GENERATED ALWAYS AS (1) STORED, PRIMARY KEY (`id`));', engine: 'mysql' },
    { sql: "ALTER TABLE t ADD COLUMN status varchar(20) NOT NULL DEFAULT 'new', MODIFY COLUMN n int DEFAULT 0;", engine: 'tidb' },
  ],
  invalid: [
    { sql: 'CREATE TABLE t (id bigint PRIMARY KEY, status text);', engine: 'postgres', errors: [{ messageId: 'missing', line: 1, column: 40, message: 't.status' }] },
    { sql: 'ALTER TABLE t ADD COLUMN note text;', engine: 'postgres', errors: 1 },
    { sql: 'CREATE TABLE `t` (`id` int NOT NULL, `status` varchar(20), PRIMARY KEY (`id`));', engine: 'mysql', errors: [{ messageId: 'missing', line: 1, column: 38, message: 't.status' }] },
    { sql: 'ALTER TABLE t ADD COLUMN n int NOT NULL, MODIFY COLUMN m bigint;', engine: 'tidb', errors: 2 },
  ],
});
