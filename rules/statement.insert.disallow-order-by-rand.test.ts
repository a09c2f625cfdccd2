import { testRule } from '../src/lint/rule-tester.js';
import rule from './statement.insert.disallow-order-by-rand.js';

testRule(rule, {
  valid: [
    'INSERT INTO sample (id) SELECT id FROM users ORDER BY id LIMIT 10;', 'INSERT INTO sample (id) VALUES (1);',
    { sql: 'INSERT INTO s (id) SELECT id FROM u ORDER BY id DESC;', engine: 'mysql' },
  ],
  invalid: [
    { sql: 'INSERT INTO sample (id) SELECT id FROM users ORDER BY random() LIMIT 10;', engine: 'postgres', errors: [{ messageId: 'random', line: 1, column: 46 }] },
    { sql: 'INSERT INTO s (id)\nSELECT id FROM u\nORDER BY random();', engine: 'postgres', errors: [{ messageId: 'random', line: 3, column: 1 }] },
    { sql: 'INSERT INTO sample (id) SELECT id FROM users ORDER BY RAND() LIMIT 10;', engine: 'mysql', errors: [{ messageId: 'random', line: 1, column: 46 }] },
    { sql: 'INSERT INTO s\nSELECT id FROM u\nORDER BY rand(42);', engine: 'mysql', errors: [{ messageId: 'random', line: 3, column: 1 }] },
    { sql: 'INSERT INTO sample (id) SELECT id FROM users ORDER BY RAND();', engine: 'tidb', errors: [{ messageId: 'random', column: 46 }] },
    { sql: 'INSERT INTO s SELECT id FROM u WHERE a = 1 ORDER BY rand() LIMIT 5;', engine: 'tidb', errors: 1 },
  ],
});
