import { testRule } from '../src/lint/rule-tester.js';
import rule from './system.collation.allowlist.js';

const list = ['C'];
testRule(rule, {
  valid: [
    { sql: 'CREATE TABLE t (id bigint PRIMARY KEY, name text COLLATE "C");', payload: { list } },
    'CREATE TABLE t (id bigint PRIMARY KEY, name text COLLATE "de_DE");',
    { sql: 'CREATE TABLE `t` (`id` int NOT NULL, `name` varchar(20) COLLATE utf8mb4_bin, PRIMARY KEY (`id`)) COLLATE=UTF8MB4_BIN;', payload: { list: ['utf8mb4_bin'] }, engine: 'mysql' },
    { sql: "SELECT * FROM t WHERE name = 'x' COLLATE utf8mb4_bin;", payload: { list: ['utf8mb4_bin'] }, engine: 'tidb' },
  ],
  invalid: [
    { sql: 'CREATE TABLE t (id bigint PRIMARY KEY, name text COLLATE "de_DE");', payload: { list }, errors: [{ messageId: 'collation', line: 1, column: 50, message: 'de_DE' }] },
    { sql: "CREATE DATABASE r LC_COLLATE 'en_US.utf8';", payload: { list }, engine: 'postgres', errors: 1 },
    { sql: 'ALTER TABLE t ALTER COLUMN name TYPE text COLLATE "sv_SE";', payload: { list }, engine: 'postgres', errors: 1 },
    { sql: 'CREATE TABLE `t` (`id` int NOT NULL, `name` varchar(20) COLLATE utf8mb4_general_ci, PRIMARY KEY (`id`)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;', payload: { list: ['utf8mb4_bin'] }, engine: 'mysql', errors: [{ messageId: 'collation', line: 1, column: 57, message: 'utf8mb4_general_ci' }] },
    { sql: 'ALTER DATABASE app COLLATE = latin1_swedish_ci;', payload: { list: ['utf8mb4_0900_ai_ci'] }, engine: 'tidb', errors: 1 },
  ],
});
