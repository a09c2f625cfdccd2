import { testRule } from '../src/lint/rule-tester.js';
import rule from './table.disallow-trigger.js';

testRule(rule, {
  valid: [
    'CREATE TABLE audit (id bigint PRIMARY KEY);',
    'DROP TRIGGER IF EXISTS audit_users;',
    'CREATE PROCEDURE p() BEGIN SELECT 1; END;',
  ],
  invalid: [
    { sql: 'CREATE TRIGGER audit_users AFTER UPDATE ON users FOR EACH ROW INSERT INTO audit (id) VALUES (NEW.id);', errors: [{ messageId: 'trigger', line: 1, column: 1, message: 'audit_users on users' }] },
    {
      sql: 'DELIMITER //\nCREATE DEFINER=`root`@`%` TRIGGER `app`.`bi_orders` BEFORE INSERT ON `orders`\nFOR EACH ROW BEGIN\n  IF NEW.total < 0 THEN SET NEW.total = 0; END IF;\nEND//\nDELIMITER ;',
      errors: [{ messageId: 'trigger', line: 2, message: 'app.bi_orders on orders' }],
    },
  ],
});
