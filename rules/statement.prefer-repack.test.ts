import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.prefer-repack.js';

testRule(rule, {
  valid: ['VACUUM (ANALYZE) users;', 'ANALYZE users;'],
  invalid: [
    { sql: 'VACUUM FULL users;', errors: [{ messageId: 'repack', line: 1, column: 1, message: 'VACUUM FULL' }] },
    { sql: 'CLUSTER users USING users_pkey;', errors: [{ messageId: 'repack', message: 'CLUSTER' }] },
    { sql: 'VACUUM (FULL, ANALYZE) users;', errors: 1 },
  ],
});
