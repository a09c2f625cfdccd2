import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitMysql } from './split.js';

const SEPARATOR = /\n?-- end --\n?/;
const ATLAS = join(import.meta.dirname, '../../../shared/corpora/splitter/atlas-lex');
const OWN = join(import.meta.dirname, 'testdata/split');
// Atlas's MySQL and generic cases (15, 16 and 18 are PostgreSQL dollar quotes, BEGIN ATOMIC and #>>).
const ATLAS_CASES = [
  '1.sql', '2_mysql.sql', '3_delimiter.sql', '4_delimiter.sql', '5_delimiter.sql', '6_skip_comment.sql', '7_delimiter_2n.sql',
  '8_delimiter_3n.sql', '9_delimiter_3n.sql', '10_delimiter_comment.sql', '11_delimiter_mysql_command.sql',
  '12_delimiter_mysql_command.sql', '13_delimiter_mysql_command.sql', '14_delimiter_mysql_command.sql', '17_paren.sql',
];

function cases(dir: string, names?: readonly string[]): [string, string, string][] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql') && (!names || names.includes(f)))
    .map((f) => [f, readFileSync(join(dir, f), 'utf8'), readFileSync(join(dir, `${f}.golden`), 'utf8')]);
}

/** Atlas's own directive for a custom delimiter is bb's `-- bb:delimiter`. */
const asBb = (sql: string): string => sql.replace(/^-- atlas:delimiter /gm, '-- bb:delimiter ');

describe('splitMysql', () => {
  const atlas = cases(ATLAS, ATLAS_CASES);
  it('finds the shared corpus', () => expect(atlas.length).toBe(ATLAS_CASES.length));
  for (const [name, input, golden] of [...atlas, ...cases(OWN)]) {
    it(`matches the golden statements of ${name}`, () => {
      expect(splitMysql(asBb(input)).map((s) => s.text)).toEqual(golden.trimEnd().split(SEPARATOR).filter((s) => s.trim() !== ''));
    });
  }

  it('reports line and column of each statement', () => {
    const stmts = splitMysql('# head\nCREATE TABLE a (id int);\n\n  SELECT 1;\nDELIMITER //\nSELECT 2 //\n  SELECT 3');
    expect(stmts.map((s) => [s.span.line, s.span.column, s.span.endLine])).toEqual([[2, 1, 2], [4, 3, 4], [6, 1, 6], [7, 3, 7]]);
    expect(stmts[0]!.comments).toEqual(['# head']);
    expect(stmts[2]!.text).toBe('SELECT 2');
    expect(stmts[3]!.span.endColumn).toBe(10);
  });

  it('keeps backslash escapes, doubled quotes and backticks inside one statement', () => {
    const stmts = splitMysql("SELECT 'it\\'s; fine', \"a\"\"; b\", `we;ird``;` FROM t; SELECT 'x\\\\'; SELECT 2;");
    expect(stmts.map((s) => s.text)).toEqual(["SELECT 'it\\'s; fine', \"a\"\"; b\", `we;ird``;` FROM t;", "SELECT 'x\\\\';", 'SELECT 2;']);
  });

  it('treats -- as a comment only before whitespace, and # anywhere', () => {
    expect(splitMysql('SELECT 1--1;\nSELECT 2 -- a; b\n;SELECT 3 # x; y\n;').map((s) => s.text)).toEqual(['SELECT 1--1;', 'SELECT 2 -- a; b\n;', 'SELECT 3 # x; y\n;']);
  });

  it('keeps /*! version comments */ as statements and drops plain comments', () => {
    const stmts = splitMysql('/* plain; */\n/*!40101 SET @OLD=@@SQL_MODE; */;\n/*M!100100 SET x=1 */;\nSELECT /*+ hint; */ 1;');
    expect(stmts.map((s) => s.text)).toEqual(['/*!40101 SET @OLD=@@SQL_MODE; */;', '/*M!100100 SET x=1 */;', 'SELECT /*+ hint; */ 1;']);
    expect(stmts[0]!.comments).toEqual(['/* plain; */']);
  });

  it('supports multi-character delimiters such as d// and $$', () => {
    const sql = 'DELIMITER d//\nCREATE PROCEDURE p() BEGIN SELECT 1; END d//\nCALL p() d//\ndelimiter $$\nSELECT 1 $$\nDELIMITER ;\nSELECT 2;';
    expect(splitMysql(sql).map((s) => s.text)).toEqual(['CREATE PROCEDURE p() BEGIN SELECT 1; END', 'CALL p()', 'SELECT 1', 'SELECT 2;']);
  });

  it('keeps BEGIN … END bodies together without DELIMITER', () => {
    const sql = [
      'CREATE DEFINER=`root`@`localhost` PROCEDURE p(x INT)',
      'BEGIN',
      '  DECLARE y INT DEFAULT CASE WHEN x > 1 THEN 1 ELSE 0 END;',
      '  IF x > 0 THEN SELECT 1; END IF;',
      '  lbl: LOOP LEAVE lbl; END LOOP lbl;',
      '  CASE x WHEN 1 THEN SELECT 1; ELSE BEGIN SELECT 2; END; END CASE;',
      'END;',
      'CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW SET NEW.x = 1;',
      'CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM a; END;',
      'BEGIN NOT ATOMIC SELECT 1; SELECT 2; END;',
      'BEGIN;',
      'SELECT 1;',
    ].join('\n');
    const texts = splitMysql(sql).map((s) => s.text);
    expect(texts).toHaveLength(6);
    expect(texts[0]).toMatch(/^CREATE DEFINER[\s\S]*END CASE;\nEND;$/);
    expect(texts.slice(1)).toEqual([
      'CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW SET NEW.x = 1;',
      'CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM a; END;',
      'BEGIN NOT ATOMIC SELECT 1; SELECT 2; END;',
      'BEGIN;',
      'SELECT 1;',
    ]);
  });

  it('takes the initial delimiter from options and -- bb:delimiter mid-file', () => {
    expect(splitMysql('SELECT 1 //\nSELECT 2 //', { delimiter: '//' }).map((s) => s.text)).toEqual(['SELECT 1', 'SELECT 2']);
    expect(splitMysql('SELECT 1;\n-- bb:delimiter \\n\\n\nSELECT 2;\nSELECT 3;\n\nSELECT 4').map((s) => s.text)).toEqual(['SELECT 1;', 'SELECT 2;\nSELECT 3;', 'SELECT 4']);
  });

  it('never throws and returns unterminated input as the last statement', () => {
    expect(splitMysql('')).toEqual([]);
    expect(splitMysql('-- only\n# comments\n/* here */')).toEqual([]);
    expect(splitMysql("SELECT 'open").map((s) => s.text)).toEqual(["SELECT 'open"]);
    expect(splitMysql('SELECT /* open').map((s) => s.text)).toEqual(['SELECT /* open']);
  });
});
