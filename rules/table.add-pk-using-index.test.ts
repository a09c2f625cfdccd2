import { testRule } from '../src/lint/rule-tester.js';
import rule from './table.add-pk-using-index.js';

testRule(rule, {
  valid: [
    'ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_pkey_idx;',
    'CREATE TABLE events (id bigint);\nALTER TABLE events ADD PRIMARY KEY (id);',
  ],
  invalid: [
    { sql: 'ALTER TABLE events ADD PRIMARY KEY (id);', errors: [{ messageId: 'pk', line: 1, column: 24 }] },
    { sql: 'ALTER TABLE events ADD COLUMN id bigserial PRIMARY KEY;', errors: [{ messageId: 'column', message: 'id' }] },
  ],
});
