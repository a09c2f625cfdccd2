import { describe, expect, it } from 'vitest';
import { splitLiteralInsert } from './literal-insert.js';

describe('splitLiteralInsert', () => {
  it.each([
    ['INSERT INTO t (a, b) VALUES (1, \'x\')', 'INSERT INTO t (a, b) VALUES', 1],
    ['insert into `db`.`t` values (1,2),(3,4) ;', 'insert into `db`.`t` values', 2],
    ['REPLACE INTO t VALUE (NULL, true, FALSE)', 'REPLACE INTO t VALUE', 1],
    ['INSERT IGNORE INTO t (a) VALUES (-1.5e3), (1.e5), (1.), (-0)', 'INSERT IGNORE INTO t (a) VALUES', 4],
    ["INSERT INTO t (a) VALUES ('it''s'), ('a\\'b'), ('back\\\\'), (';,)(')", 'INSERT INTO t (a) VALUES', 4],
    ['INSERT INTO t (a)\nVALUES\n  (1),\n  (2);\n', 'INSERT INTO t (a)\nVALUES', 2],
  ])('splits %j', (sql, header, rows) => {
    expect(splitLiteralInsert(sql)).toEqual({ header, rows });
  });

  it.each([
    'INSERT INTO t (a) VALUES (DEFAULT)',
    'INSERT INTO t (a) VALUES (NOW())',
    'INSERT INTO t (a) VALUES (1 + 1)',
    "INSERT INTO t (a) VALUES (X'ff')",
    'INSERT INTO t (a) VALUES ("double-quoted")',
    'INSERT INTO t (a) VALUES (1) ON DUPLICATE KEY UPDATE a = 2',
    'INSERT INTO t (a) SELECT a FROM u',
    'INSERT INTO t SET a = 1',
    "INSERT INTO t (a) VALUES ('unterminated)",
    'INSERT INTO t (a) VALUES (-)',
    'INSERT INTO t (a) VALUES (.5)',
    'INSERT INTO t (a) VALUES ()',
    'INSERT INTO t (a) VALUES (1,)',
    'INSERT INTO t (a) VALUES (1) (2)',
    'INSERT INTO t (a) VALUES (1) -- a comment',
    'INSERT INTO t (a) VALUES (NULLX)',
    "INSERT INTO t (a) PARTITION (p'1') VALUES (1)",
    'UPDATE t SET a = 1',
  ])('leaves %j to the parser', (sql) => {
    expect(splitLiteralInsert(sql)).toBeUndefined();
  });
});
