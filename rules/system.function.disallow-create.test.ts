import { testRule } from '../src/lint/rule-tester.js';
import rule from './system.function.disallow-create.js';

testRule(rule, {
  valid: [
    'DROP FUNCTION IF EXISTS full_name;',
    "SELECT CONCAT(first_name, ' ', last_name) FROM users;",
    'CREATE PROCEDURE p() BEGIN SELECT 1; END;',
  ],
  invalid: [
    { sql: "CREATE FUNCTION full_name(first varchar(50), last varchar(50)) RETURNS varchar(101) DETERMINISTIC RETURN CONCAT(first, ' ', last);", errors: [{ messageId: 'create', line: 1, message: 'FUNCTION full_name' }] },
    { sql: 'DELIMITER $$\nCREATE DEFINER=`root`@`localhost` FUNCTION `next_id`() RETURNS bigint\nREADS SQL DATA\nBEGIN\n  RETURN 1;\nEND$$\nDELIMITER ;', errors: [{ messageId: 'create', line: 2, message: 'next_id' }] },
  ],
});
