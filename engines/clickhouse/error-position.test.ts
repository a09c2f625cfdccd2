import { describe, expect, it } from 'vitest';
import { locateClickHouseError } from './error-position.js';

// Messages as chdb 3.4 (ClickHouse 26) gives them for these statements.
const error = (message: string) => new Error(`Code: 62. DB::Exception: ${message}`);

describe('locateClickHouseError', () => {
  it('reads the position, counted from the statement bb sent', () => {
    const sql = 'CREATE TABLE b (\n  id UInt32,\n  y UInt32 NOTT NULL\n) ENGINE = MergeTree ORDER BY id';
    const e = error('Syntax error: failed at position 42 (NOTT) (line 3, col 12): NOTT NULL\n) ENGINE = MergeTree ORDER BY id. Expected one of: NOT, NULL, DEFAULT. (SYNTAX_ERROR)');
    expect(locateClickHouseError(e, sql)).toEqual({ offset: sql.indexOf('NOTT') });
  });

  it('counts UTF-8 bytes, not characters', () => {
    const sql = "SELECT 'é😀', 1 FRM x";
    const e = error('Syntax error: failed at position 24 (x): x. Expected one of: token, Comma, FROM. (SYNTAX_ERROR)');
    expect(locateClickHouseError(e, sql)).toEqual({ offset: sql.length - 1 });
  });

  it('points at the end when the statement ended too early', () => {
    const e = error('Syntax error: failed at position 14 (end of query): . Expected one of: table, table function. (SYNTAX_ERROR)');
    expect(locateClickHouseError(e, 'SELECT 1 FROM')).toEqual({ offset: 13 });
  });

  it('reads lexical and unmatched-parenthesis errors too', () => {
    expect(locateClickHouseError(error("Single quoted string is not closed: Syntax error: failed at position 8 ('abc): 'abc. . (SYNTAX_ERROR)"), "SELECT 'abc")).toEqual({ offset: 7 });
    expect(locateClickHouseError(error('Syntax error: failed at position 13 ((): (* FROM t. Unmatched parentheses: (. (SYNTAX_ERROR)'), 'SELECT count(* FROM t')).toEqual({ offset: 12 });
  });

  it('reads a statement with leading spaces both ways: as sent (chdb keeps a no-break space) and trimmed (the HTTP client)', () => {
    const sql = '\u00a0SELECT 1 FRM x';
    expect(locateClickHouseError(error('Syntax error: failed at position 16 (x): x. Expected one of: FROM. (SYNTAX_ERROR)'), sql)).toEqual({ offset: sql.length - 1 });
    expect(locateClickHouseError(error('Syntax error: failed at position 14 (x): x. Expected one of: FROM. (SYNTAX_ERROR)'), sql)).toEqual({ offset: sql.length - 1 });
    // chdb skips ASCII whitespace before a query: position 27 is NOTT's in the text without the two spaces.
    const spaced = '  CREATE TABLE t (id UInt32 NOTT NULL) ENGINE = MergeTree ORDER BY id';
    expect(locateClickHouseError(error('Syntax error: failed at position 27 (NOTT): NOTT NULL) ENGINE = MergeTree ORDER BY id. (SYNTAX_ERROR)'), spaced)).toEqual({ offset: spaced.indexOf('NOTT') });
  });

  it('places nothing when the quoted token is not at the position (an error in text the server parsed on its own)', () => {
    expect(locateClickHouseError(error('Syntax error: failed at position 7 (1): 1. Expected one of: token. (SYNTAX_ERROR)'), "SELECT formatQuery('SELEC 1')")).toBeUndefined();
    expect(locateClickHouseError(error('Syntax error: failed at position 99 (x): x. (SYNTAX_ERROR)'), 'SELECT 1 FRM x')).toBeUndefined();
  });

  it('says nothing for an error without a position', () => {
    expect(locateClickHouseError(error('Table default.t already exists. (TABLE_ALREADY_EXISTS)'), 'CREATE TABLE t (id UInt8) ENGINE = Memory')).toBeUndefined();
    expect(locateClickHouseError('not an error', 'SELECT 1')).toBeUndefined();
  });
});
