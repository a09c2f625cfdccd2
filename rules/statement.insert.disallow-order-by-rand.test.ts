import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.insert.disallow-order-by-rand.js';

testRule(rule, {
  valid: ['INSERT INTO sample (id) SELECT id FROM users ORDER BY id LIMIT 10;', 'INSERT INTO sample (id) VALUES (1);'],
  invalid: [
    { sql: 'INSERT INTO sample (id) SELECT id FROM users ORDER BY random() LIMIT 10;', errors: [{ messageId: 'random', line: 1, column: 46 }] },
    { sql: 'INSERT INTO s (id)\nSELECT id FROM u\nORDER BY random();', errors: [{ messageId: 'random', line: 3, column: 1 }] },
  ],
});
