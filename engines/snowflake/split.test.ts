import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitSnowflake } from './split.js';

const SEPARATOR = /\n?-- end --\n?/;
const OWN = join(import.meta.dirname, 'testdata/split');

describe('splitSnowflake', () => {
  const files = readdirSync(OWN).filter((f) => f.endsWith('.sql'));
  it('finds its goldens', () => expect(files.length).toBeGreaterThanOrEqual(2));
  for (const f of files) {
    it(`matches the golden statements of ${f}`, () => {
      const golden = readFileSync(join(OWN, `${f}.golden`), 'utf8');
      expect(splitSnowflake(readFileSync(join(OWN, f), 'utf8')).map((s) => s.text)).toEqual(golden.trimEnd().split(SEPARATOR).filter((s) => s.trim() !== ''));
    });
  }

  it('reports line and column of each statement and its leading comments', () => {
    const stmts = splitSnowflake('// head\nCREATE TABLE a (id INT);\n\n  SELECT 1;\nSELECT 2');
    expect(stmts.map((s) => [s.span.line, s.span.column])).toEqual([[2, 1], [4, 3], [5, 1]]);
    expect(stmts[0]!.comments).toEqual(['// head']);
    expect(stmts[2]!.text).toBe('SELECT 2');
    expect(stmts.map((s) => s.index)).toEqual([0, 1, 2]);
  });

  it('ends the last statement at the end of a file without a newline or semicolon', () => {
    expect(splitSnowflake('SELECT 1;\nSELECT 2   ').map((s) => s.text)).toEqual(['SELECT 1;', 'SELECT 2']);
    expect(splitSnowflake('BEGIN\n  SELECT 1;\nEND').map((s) => s.text)).toEqual(['BEGIN\n  SELECT 1;\nEND']);
  });

  it('returns nothing for an empty or comment-only file', () => {
    expect(splitSnowflake('')).toEqual([]);
    expect(splitSnowflake('-- nothing\n// here\n/* at all */\n')).toEqual([]);
  });

  it('does not nest block comments (Snowflake closes at the first */)', () => {
    expect(splitSnowflake('/* a /* b */ SELECT 1; SELECT 2;').map((s) => s.text)).toEqual(['SELECT 1;', 'SELECT 2;']);
  });

  it('keeps nested blocks and CASE … END inside one statement', () => {
    const sql = 'BEGIN\n  BEGIN\n    SELECT CASE WHEN 1 = 1 THEN 1 END;\n  END;\n  CASE (1) WHEN 1 THEN RETURN 1; END CASE;\nEND;\nSELECT 3;';
    expect(splitSnowflake(sql).map((s) => s.text)).toEqual([sql.slice(0, sql.indexOf('SELECT 3')).trimEnd(), 'SELECT 3;']);
  });

  it('reads BEGIN and END as names outside statement starts and bodies', () => {
    expect(splitSnowflake('SELECT begin, end FROM spans;\nSELECT 2;').map((s) => s.text)).toEqual(['SELECT begin, end FROM spans;', 'SELECT 2;']);
    expect(splitSnowflake('CREATE TABLE spans (begin TIMESTAMP, end TIMESTAMP);\nSELECT 2;')).toHaveLength(2);
  });

  it('survives unterminated strings, $$ bodies and blocks', () => {
    expect(splitSnowflake("SELECT 'x; SELECT 2;")).toHaveLength(1);
    expect(splitSnowflake('SELECT $$ a; b')).toHaveLength(1);
    expect(splitSnowflake('BEGIN SELECT 1; SELECT 2;')).toHaveLength(1);
  });
});
