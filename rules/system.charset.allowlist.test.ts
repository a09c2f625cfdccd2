import { testRule } from '../src/lint/rule-tester.js';
import rule from './system.charset.allowlist.js';

const list = ['UTF8'];
testRule(rule, {
  valid: [
    { sql: "CREATE DATABASE reports ENCODING 'UTF8';", payload: { list } },
    { sql: "CREATE DATABASE reports ENCODING 'utf-8';", payload: { list } },
    "CREATE DATABASE reports ENCODING 'LATIN1';",
    { sql: "CREATE TABLE `t` (`id` int NOT NULL COMMENT 'charset latin1', `name` varchar(20) CHARACTER SET utf8mb4, PRIMARY KEY (`id`)) DEFAULT CHARSET=UTF8MB4; -- CHARSET latin1", payload: { list: ['utf8mb4'] }, engine: 'mysql' },
    { sql: 'SET NAMES utf8mb4;', payload: { list: ['utf8mb4', 'binary'] }, engine: 'tidb' },
  ],
  invalid: [
    { sql: "CREATE DATABASE reports ENCODING 'LATIN1';", payload: { list }, engine: 'postgres', errors: [{ messageId: 'charset', line: 1, column: 25, message: 'LATIN1' }] },
    { sql: "CREATE DATABASE r WITH OWNER = x ENCODING = 'SQL_ASCII';", payload: { list }, engine: 'postgres', errors: 1 },
    { sql: 'CREATE TABLE `t` (`id` int NOT NULL, `name` varchar(20) CHARACTER SET latin1, PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;', payload: { list: ['utf8mb4'] }, engine: 'mysql', errors: [{ messageId: 'charset', line: 1, column: 57, message: 'latin1 is not allowed' }] },
    { sql: "CREATE DATABASE app DEFAULT CHARACTER SET = 'utf8' COLLATE utf8_general_ci;", payload: { list: ['utf8mb4'] }, engine: 'tidb', errors: [{ messageId: 'charset', message: 'utf8 is not allowed' }] },
    { sql: 'ALTER TABLE t CONVERT TO CHARACTER SET latin1;', payload: { list: ['UTF8MB4'] }, engine: 'mysql', errors: 1 },
  ],
});
