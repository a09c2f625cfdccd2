import { testRule } from '../src/lint/rule-tester.js';
import rule from './system.event.disallow-create.js';

testRule(rule, {
  valid: [
    'DROP EVENT IF EXISTS purge_sessions;',
    'DELETE FROM sessions WHERE expires_at < NOW();',
  ],
  invalid: [
    { sql: 'CREATE EVENT purge_sessions ON SCHEDULE EVERY 1 DAY DO DELETE FROM sessions WHERE expires_at < NOW();', errors: [{ messageId: 'create', line: 1, message: 'EVENT purge_sessions' }] },
    { sql: 'CREATE DEFINER=root@localhost EVENT IF NOT EXISTS app.nightly ON SCHEDULE AT CURRENT_TIMESTAMP + INTERVAL 1 HOUR DO UPDATE t SET a = 1;', errors: [{ messageId: 'create', message: 'app.nightly' }] },
  ],
});
