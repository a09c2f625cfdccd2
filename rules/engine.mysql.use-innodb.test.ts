import { testRule } from '../src/lint/rule-tester.js';
import rule from './engine.mysql.use-innodb.js';

testRule(rule, {
  valid: [
    'CREATE TABLE events (id bigint PRIMARY KEY) ENGINE=InnoDB;',
    'CREATE TABLE events (id bigint PRIMARY KEY);',
    'ALTER TABLE events ENGINE = innodb;',
    'SET default_storage_engine = InnoDB;',
  ],
  invalid: [
    { sql: 'CREATE TABLE events (id bigint PRIMARY KEY) ENGINE=MyISAM;', errors: [{ messageId: 'table', line: 1, column: 45, message: 'MYISAM' }] },
    { sql: 'ALTER TABLE `app`.`events` ENGINE = MEMORY;', errors: [{ messageId: 'table', message: 'app.events' }] },
    { sql: 'SET default_storage_engine = MyISAM;', errors: [{ messageId: 'session' }] },
  ],
});
