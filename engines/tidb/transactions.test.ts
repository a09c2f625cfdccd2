import { describe, expect, it } from 'vitest';
import type { RawStatement } from '../../src/engine.js';
import { analyzeFile } from '../../src/plan/analysis.js';
import { splitTidb } from './split.js';
import { nonTransactional, unsupported } from './transactions.js';
import engine from './index.js';

const one = (sql: string): RawStatement => splitTidb(sql)[0]!;

describe('tidb unsupported()', () => {
  const refused: [string, RegExp][] = [
    ['CREATE PROCEDURE p() BEGIN SELECT 1; END;', /stored procedures \(CREATE PROCEDURE p\)/],
    ['CREATE DEFINER=`root`@`%` FUNCTION f() RETURNS int RETURN 1;', /stored functions/],
    ['CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW SET NEW.x = 1;', /triggers/],
    ['CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO DELETE FROM a;', /events/],
    ['DROP PROCEDURE IF EXISTS p;', /stored procedures \(DROP PROCEDURE p\)/],
    ["CREATE FUNCTION metaphon RETURNS STRING SONAME 'udf_example.so';", /user-defined functions|stored functions/],
    ['CREATE TABLE d (id int, body text, FULLTEXT KEY ft (body));', /FULLTEXT/],
    ['ALTER TABLE d ADD FULLTEXT INDEX ft (body);', /FULLTEXT/],
    ['CREATE FULLTEXT INDEX ft ON d (body);', /FULLTEXT/],
    ['CREATE TABLE g (id int, p POINT NOT NULL, SPATIAL INDEX sp (p));', /SPATIAL/],
    ['CREATE TABLE g (id int, area GEOMETRY);', /GEOMETRY/],
    ['CREATE TABLE t2 AS SELECT * FROM t1;', /CREATE TABLE … AS SELECT/],
    ['CREATE TABLE t2 SELECT * FROM t1;', /CREATE TABLE … AS SELECT/],
    ["XA START 'x';", /XA/],
    ['OPTIMIZE TABLE t;', /OPTIMIZE TABLE/],
    ['CHECK TABLE t;', /CHECK TABLE/],
    ['CREATE TABLESPACE ts ADD DATAFILE \'ts.ibd\';', /tablespaces/],
    ['CREATE TABLE t (a varchar(10) CHARACTER SET utf16);', /character set utf16/],
    ['BEGIN NOT ATOMIC SELECT 1; END;', /compound statements/],
  ];
  for (const [sql, reason] of refused) {
    it(`refuses ${sql}`, () => {
      expect(unsupported(one(sql))).toMatch(reason);
      expect(unsupported(one(sql))).toContain('docs.pingcap.com');
    });
  }

  const accepted = [
    'CREATE TABLE t (id int PRIMARY KEY, note varchar(40) DEFAULT \'FULLTEXT and POINT are words\') DEFAULT CHARSET=utf8mb4;',
    '-- a FULLTEXT index would not work here\nCREATE INDEX i ON t (note);',
    'CREATE TABLE t (id int, CONSTRAINT c CHECK (id > 0)) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;',
    'CREATE TABLE t (id int) SELECT_ALIAS_NOT_A_THING;',
    'ALTER TABLE t ADD COLUMN created_at timestamp DEFAULT CURRENT_TIMESTAMP;',
    'INSERT INTO t SELECT * FROM u;',
    'CREATE VIEW v AS SELECT 1;',
    'SELECT ST_Distance(a, b) FROM t;',
  ];
  for (const sql of accepted) {
    it(`accepts ${sql.replace(/\n/g, ' ')}`, () => expect(unsupported(one(sql))).toBeUndefined());
  }

  it('reaches the planner through the engine capability (a blocker at plan time)', () => {
    const sql = 'CREATE TABLE a (id int);\nDELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END //\nDELIMITER ;\n';
    const analysis = analyzeFile({ directives: { transaction: 'auto', disable: [] } }, sql, engine);
    expect(analysis.unsupported).toEqual([{ index: 1, line: 3, reason: expect.stringMatching(/^TiDB does not support stored procedures/) as unknown as string }]);
  });

  it('names implicit commits like the mysql engine', () => {
    expect(nonTransactional(one('ALTER TABLE t ADD COLUMN x int;'))).toBe('DDL (commits implicitly)');
    expect(nonTransactional(one('INSERT INTO t VALUES (1);'))).toBeUndefined();
    expect(engine.capabilities).toMatchObject({ transactionalDdl: false, lockKind: 'lock-row' });
  });
});
