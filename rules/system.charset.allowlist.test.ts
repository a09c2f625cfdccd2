import { testRule } from '../src/lint/rule-tester.js';
import rule from './system.charset.allowlist.js';

const list = ['UTF8'];
testRule(rule, {
  valid: [
    { sql: "CREATE DATABASE reports ENCODING 'UTF8';", payload: { list } },
    { sql: "CREATE DATABASE reports ENCODING 'utf-8';", payload: { list } },
    "CREATE DATABASE reports ENCODING 'LATIN1';",
  ],
  invalid: [
    { sql: "CREATE DATABASE reports ENCODING 'LATIN1';", payload: { list }, errors: [{ messageId: 'charset', line: 1, column: 25, message: 'LATIN1' }] },
    { sql: "CREATE DATABASE r WITH OWNER = x ENCODING = 'SQL_ASCII';", payload: { list }, errors: 1 },
  ],
});
