import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitPostgres } from './split.js';

const SEPARATOR = /\n?-- end --\n?/;
const ATLAS = join(import.meta.dirname, '../../../shared/corpora/splitter/atlas-lex');
const OWN = join(import.meta.dirname, 'testdata/split');

function cases(dir: string, names?: readonly string[]): [string, string, string][] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql') && (!names || names.includes(f)))
    .map((f) => [f, readFileSync(join(dir, f), 'utf8'), readFileSync(join(dir, `${f}.golden`), 'utf8')]);
}

describe('splitPostgres', () => {
  // The PostgreSQL cases of Atlas's lexer goldens (the others are MySQL DELIMITER scripts).
  const atlas = cases(ATLAS, ['1.sql', '15_dollar_quote.sql', '16_begin_atomic.sql', '17_paren.sql', '18_pg_expr.sql']);
  it('finds the shared corpus', () => expect(atlas.length).toBe(5));
  for (const [name, input, golden] of [...atlas, ...cases(OWN)]) {
    it(`matches the golden statements of ${name}`, () => {
      expect(splitPostgres(input).map((s) => s.text)).toEqual(golden.trimEnd().split(SEPARATOR).filter((s) => s.trim() !== ''));
    });
  }

  it('reports line and column of each statement', () => {
    const stmts = splitPostgres('-- head\nCREATE TABLE a (id int);\n\n  SELECT 1;\nSELECT 2');
    expect(stmts.map((s) => [s.span.line, s.span.column])).toEqual([[2, 1], [4, 3], [5, 1]]);
    expect(stmts[0]!.comments).toEqual(['-- head']);
    expect(stmts[2]!.text).toBe('SELECT 2');
  });

  it('keeps E-strings with escaped quotes and nested comments inside one statement', () => {
    const stmts = splitPostgres("SELECT E'it\\'s; fine', /* a /* b; */ c; */ 1; SELECT 'x''; y';");
    expect(stmts.map((s) => s.text)).toEqual(["SELECT E'it\\'s; fine', /* a /* b; */ c; */ 1;", "SELECT 'x''; y';"]);
  });

  it('returns nothing for an empty or comment-only file', () => {
    expect(splitPostgres('')).toEqual([]);
    expect(splitPostgres('-- nothing here\n/* at all */\n')).toEqual([]);
  });

  it('treats $1 parameters and identifiers with $ as plain text', () => {
    expect(splitPostgres('PREPARE p AS SELECT $1; SELECT a$b FROM t;').map((s) => s.text)).toEqual(['PREPARE p AS SELECT $1;', 'SELECT a$b FROM t;']);
  });
});
