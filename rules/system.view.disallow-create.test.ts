import { testRule } from '../src/lint/rule-tester.js';
import rule from './system.view.disallow-create.js';

testRule(rule, {
  valid: [
    'DROP VIEW IF EXISTS active_users;',
    'CREATE TABLE view_counts (id int PRIMARY KEY, views int);',
  ],
  invalid: [
    { sql: 'CREATE VIEW active_users AS SELECT id, email FROM users WHERE deleted_at IS NULL;', errors: [{ messageId: 'create', line: 1, message: 'VIEW active_users' }] },
    { sql: 'CREATE OR REPLACE ALGORITHM=MERGE DEFINER=`app`@`%` SQL SECURITY DEFINER VIEW `v_orders` AS SELECT id FROM orders;', errors: [{ messageId: 'create', message: 'v_orders' }] },
  ],
});
