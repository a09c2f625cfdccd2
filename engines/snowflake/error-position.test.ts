import { describe, expect, it } from 'vitest';
import { locateSnowflakeError } from './error-position.js';

const error = (message: string) => Object.assign(new Error(message), { code: '001003', sqlState: '42000' });

describe('locateSnowflakeError', () => {
  it('turns a syntax error\'s line and 0-based position into an offset', () => {
    const sql = 'SELECT * FORM t;';
    expect(locateSnowflakeError(error("SQL compilation error:\nsyntax error line 1 at position 9 unexpected 'FORM'."), sql)).toEqual({ offset: sql.indexOf('FORM') });
  });

  it('counts the line from the statement\'s first line', () => {
    const sql = 'CREATE TABLE b (\n  id NUMBER,\n  name STRNG\n);';
    expect(locateSnowflakeError(error("SQL compilation error:\nsyntax error line 3 at position 7 unexpected 'STRNG'."), sql)).toEqual({ offset: sql.indexOf('STRNG') });
  });

  it('reads the "error line N at position P" of an invalid identifier', () => {
    const sql = 'SELECT id,\n       nmae FROM users;';
    expect(locateSnowflakeError(error("SQL compilation error: error line 2 at position 7\ninvalid identifier 'NMAE'"), sql)).toEqual({ offset: sql.indexOf('nmae') });
  });

  it('points at the first of several errors', () => {
    const sql = 'SELECT * FORM t WHER x;';
    const message = "SQL compilation error:\nsyntax error line 1 at position 9 unexpected 'FORM'.\nsyntax error line 1 at position 16 unexpected 'WHER'.";
    expect(locateSnowflakeError(error(message), sql)).toEqual({ offset: 9 });
  });

  it('places nothing outside the statement', () => {
    expect(locateSnowflakeError(error("SQL compilation error:\nsyntax error line 4 at position 0 unexpected 'x'."), 'SELECT 1\nx')).toBeUndefined();
    expect(locateSnowflakeError(error("SQL compilation error:\nsyntax error line 1 at position 40 unexpected 'x'."), 'SELECT x')).toBeUndefined();
  });

  it('says nothing for an error without a place', () => {
    expect(locateSnowflakeError(error("SQL compilation error:\nObject 'T' does not exist or not authorized."), 'SELECT * FROM t')).toBeUndefined();
    expect(locateSnowflakeError(error('Numeric value \'line 1 at position 2\' is not recognized'), 'SELECT 1')).toBeUndefined();
    expect(locateSnowflakeError(null, 'SELECT 1')).toBeUndefined();
  });
});
