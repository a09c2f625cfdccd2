import { testRule } from '../src/lint/rule-tester.js';
import rule from './index.key-number-limit.js';

testRule(rule, {
  valid: [
    'CREATE INDEX idx_t_a_b ON t (a, b);',
    'CREATE INDEX idx_t ON t (a, b, c, d, e);',
    { sql: 'CREATE TABLE `t` (`a` int NOT NULL, `b` int, `c` int, PRIMARY KEY (`a`), KEY `idx_abc` (`a`, `b`, `c`));', payload: { number: 3 }, engine: 'mysql' },
    { sql: 'ALTER TABLE t ADD INDEX idx_ab (a, b);', payload: { number: 2 }, engine: 'tidb' },
  ],
  invalid: [
    { sql: 'CREATE INDEX idx_t_wide ON t (a, b, c, d, e, f);', errors: [{ messageId: 'many', line: 1, column: 1, message: '6 columns' }] },
    { sql: 'CREATE TABLE t (a int, b int, c int, PRIMARY KEY (a, b, c));', payload: { number: 2 }, errors: 1 },
    { sql: 'CREATE TABLE `t` (`a` int NOT NULL, `b` int, `c` int, PRIMARY KEY (`a`), KEY `idx_abc` (`a`, `b`, `c`));', payload: { number: 2 }, engine: 'mysql', errors: [{ messageId: 'many', line: 1, column: 14, message: 'Index idx_abc has 3 columns' }] },
    { sql: 'ALTER TABLE t ADD INDEX idx_abc (a, b, c), ADD UNIQUE KEY uk (a, b, c);', payload: { number: 2 }, engine: 'tidb', errors: 2 },
  ],
});
