import { testRule } from '../src/lint/rule-tester.js';
import rule from './index.no-duplicate-column.js';

testRule(rule, {
  valid: [
    'CREATE INDEX idx_t_a_b ON t (a, b);',
    'CREATE TABLE t (a int, b int, PRIMARY KEY (a, b));',
    { sql: 'CREATE TABLE `t` (`a` int NOT NULL, `b` text, PRIMARY KEY (`a`), KEY `idx_ab` (`a`, `b`(10)), FULLTEXT KEY `ft` (`b`));', engine: 'mysql' },
    { sql: 'ALTER TABLE t ADD INDEX idx_a_b (a, b), ADD UNIQUE KEY uk_b (b);', engine: 'tidb' },
  ],
  invalid: [
    { sql: 'CREATE INDEX idx_t_a_a ON t (a, a);', errors: [{ messageId: 'dup', line: 1, column: 1, message: 'column a' }] },
    { sql: 'ALTER TABLE t ADD CONSTRAINT uk UNIQUE (a, b, a);', errors: [{ messageId: 'dup', message: 'Unique key uk' }] },
    { sql: 'CREATE TABLE `t` (`a` int NOT NULL, `b` int, PRIMARY KEY (`a`), KEY `idx_bb` (`b`, `B`));', engine: 'mysql', errors: [{ messageId: 'dup', line: 1, column: 14, message: 'Index idx_bb lists column B twice' }] },
    { sql: 'ALTER TABLE t ADD INDEX idx_aa (a, b, a);', engine: 'tidb', errors: [{ messageId: 'dup', line: 1, column: 25, message: 'idx_aa' }] },
  ],
});
