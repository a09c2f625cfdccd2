import { testRule } from '../src/lint/rule-tester.js';
import rule from './system.procedure.disallow-create.js';

testRule(rule, {
  valid: [
    'CALL archive_orders();',
    'DROP PROCEDURE IF EXISTS archive_orders;',
    'CREATE FUNCTION f() RETURNS int DETERMINISTIC RETURN 1;',
  ],
  invalid: [
    { sql: 'CREATE PROCEDURE archive_orders() BEGIN DELETE FROM orders WHERE id < 10; END;', errors: [{ messageId: 'create', line: 1, message: 'PROCEDURE archive_orders' }] },
    { sql: 'DELIMITER //\nCREATE DEFINER=`root`@`%` PROCEDURE `app`.`p`(IN n int)\nBEGIN\n  SELECT n;\nEND //\nDELIMITER ;', errors: [{ messageId: 'create', line: 2, message: 'app.p' }] },
  ],
});
