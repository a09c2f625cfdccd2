import { testRule } from '../src/lint/rule-tester.js';
import rule from './system.function.disallowed-list.js';

const payload = { list: ['sleep', 'RAND', 'uuid', 'count'] };

testRule(rule, {
  valid: [
    { sql: 'SELECT NOW(), LOWER(name) FROM users WHERE id = 1;', payload },
    { sql: "INSERT INTO t (a, b) VALUES (1, 'rand');", payload },
    'SELECT SLEEP(1);',
  ],
  invalid: [
    { sql: 'SELECT SLEEP(1);', payload, errors: [{ messageId: 'call', line: 1, column: 8, message: 'SLEEP()' }] },
    { sql: 'UPDATE users SET token = UUID(), score = RAND() * 10 WHERE id IN (SELECT id FROM t WHERE rand() > 0.5);', payload, errors: [{ messageId: 'call', message: 'UUID' }, { messageId: 'call', message: 'RAND' }] },
    { sql: 'SELECT COUNT(*) FROM users;', payload, errors: [{ messageId: 'call', message: 'COUNT' }] },
  ],
});
