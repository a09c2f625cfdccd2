import { testRule } from '../src/lint/rule-tester.js';
import rule from './naming.index.pk.js';

testRule(rule, {
  valid: [
    'CREATE TABLE users (id bigint, CONSTRAINT pk_users_id PRIMARY KEY (id));',
    'CREATE TABLE users (id bigint PRIMARY KEY);',
    'ALTER TABLE t ADD CONSTRAINT pk_t_a_b PRIMARY KEY (a, b);',
  ],
  invalid: [
    { sql: 'CREATE TABLE users (id bigint, CONSTRAINT users_primary PRIMARY KEY (id));', errors: [{ messageId: 'format', line: 1, column: 43, message: '^pk_users_id$' }] },
    { sql: 'ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY (a);', errors: 1 },
  ],
});
