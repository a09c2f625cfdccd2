import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.disallow-empty-migration.js';

testRule(rule, {
  valid: [
    'SELECT 1;',
    '-- add a note\nSELECT 1;\n-- done',
    { sql: '-- bb:transaction off\nCREATE INDEX CONCURRENTLY users_email ON users (email);', engine: 'postgres' },
    { sql: '# MySQL comment\nSELECT 1;', engine: 'mysql' },
    { sql: '-- bb:disable statement.disallow-empty-migration\n-- a placeholder, on purpose\n', engine: 'postgres' },
  ],
  invalid: [
    { sql: '-- add users table\n', errors: [{ messageId: 'empty', line: 1, column: 1 }] },
    { sql: '', errors: 1 },
    { sql: '\n\n   \n', errors: 1 },
    { sql: '/* nothing yet */\n-- bb:transaction off\n', engine: 'postgres', errors: [{ messageId: 'empty', line: 1 }] },
    { sql: '# nothing yet\n', engine: 'mysql', errors: 1 },
  ],
});
