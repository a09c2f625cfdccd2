import { testRule } from '../src/lint/rule-tester.js';
import rule from './index.primary-key-type-allowlist.js';

const list = ['bigint', 'uuid'];
testRule(rule, {
  valid: [
    { sql: 'CREATE TABLE t (id bigint PRIMARY KEY);', payload: { list } },
    { sql: 'CREATE TABLE t (id bigserial PRIMARY KEY);', payload: { list }, engine: 'postgres' },
    { sql: 'CREATE TABLE `t` (`id` bigint unsigned NOT NULL AUTO_INCREMENT, `code` varchar(20), PRIMARY KEY (`id`));', payload: { list }, engine: 'mysql' },
    { sql: 'CREATE TABLE t (a int NOT NULL, b integer NOT NULL, PRIMARY KEY (a, b));', payload: { list: ['int'] }, engine: 'tidb' },
    'CREATE TABLE t (id varchar(20) PRIMARY KEY);',
  ],
  invalid: [
    { sql: 'CREATE TABLE t (id varchar(20) PRIMARY KEY);', payload: { list }, errors: [{ messageId: 'type', line: 1, column: 17, message: 'varchar(20)' }] },
    { sql: 'CREATE TABLE t (a int, b text, PRIMARY KEY (a, b));', payload: { list }, errors: 2 },
    { sql: 'CREATE TABLE `t` (`id` char(36) NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB;', payload: { list }, engine: 'mysql', errors: [{ messageId: 'type', line: 1, column: 19, message: 't.id is char(36)' }] },
    { sql: 'ALTER TABLE t ADD COLUMN id2 int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY;', payload: { list }, engine: 'tidb', errors: [{ messageId: 'type', message: 'int unsigned' }] },
  ],
});
