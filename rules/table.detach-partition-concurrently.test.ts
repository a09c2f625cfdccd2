import { testRule } from '../src/lint/rule-tester.js';
import rule from './table.detach-partition-concurrently.js';

testRule(rule, {
  valid: [
    'ALTER TABLE events DETACH PARTITION events_2020 CONCURRENTLY;',
    { sql: 'ALTER TABLE events DETACH PARTITION events_2020;', serverVersion: 13 },
  ],
  invalid: [
    { sql: 'ALTER TABLE events DETACH PARTITION events_2020;', errors: [{ messageId: 'detach', line: 1, column: 1, message: 'events_2020' }] },
    { sql: 'ALTER TABLE app.events DETACH PARTITION app.e1;', serverVersion: 16, errors: 1 },
  ],
});
