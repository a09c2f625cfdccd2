import { testRule } from '../src/lint/rule-tester.js';
import rule from './table.comment.js';

testRule(rule, {
  valid: [
    { sql: "CREATE TABLE users (id bigint PRIMARY KEY);\nCOMMENT ON TABLE users IS 'People who can sign in';", engine: 'postgres' },
    'CREATE TABLE users (id bigint PRIMARY KEY);',
    { sql: "CREATE TABLE app.users (id bigint PRIMARY KEY);\nCOMMENT ON TABLE app.users IS 'People';", engine: 'postgres', payload: { required: true } },
    { sql: "CREATE TABLE users (id bigint PRIMARY KEY) COMMENT='People who can sign in';", engine: 'mysql', payload: { required: true } },
    { sql: "CREATE TABLE users (id bigint PRIMARY KEY) ENGINE=InnoDB COMMENT 'abc';", engine: 'tidb', payload: { maxLength: 3 } },
    { sql: "CREATE TABLE users (id bigint PRIMARY KEY);\nALTER TABLE users COMMENT 'People';", engine: 'mysql', payload: { required: true } },
  ],
  invalid: [
    { sql: 'CREATE TABLE users (id bigint PRIMARY KEY);', payload: { required: true }, errors: [{ messageId: 'missing', line: 1, column: 14 }] },
    { sql: `COMMENT ON TABLE users IS '${'x'.repeat(65)}';`, engine: 'postgres', errors: [{ messageId: 'long', message: '65 characters' }] },
    { sql: "COMMENT ON TABLE users IS 'abcdef';", engine: 'postgres', payload: { maxLength: 5 }, errors: 1 },
    { sql: `CREATE TABLE users (id bigint PRIMARY KEY) COMMENT='${'x'.repeat(65)}';`, engine: 'mysql', errors: [{ messageId: 'long', message: '65 characters' }] },
    { sql: 'CREATE TABLE `users` (id bigint PRIMARY KEY) ENGINE=InnoDB;', engine: 'mysql', payload: { required: true }, errors: [{ messageId: 'missing', column: 14 }] },
    { sql: "ALTER TABLE users COMMENT = 'it''s long';", engine: 'mysql', payload: { maxLength: 5 }, errors: [{ messageId: 'long', message: '9 characters' }] },
    { sql: "CREATE TABLE users (id bigint PRIMARY KEY) COMMENT 'abcdef';", engine: 'tidb', payload: { maxLength: 5 }, errors: [{ messageId: 'long', message: '6 characters' }] },
  ],
});
