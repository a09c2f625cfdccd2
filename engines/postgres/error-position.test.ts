import { describe, expect, it } from 'vitest';
import { locatePostgresError } from './error-position.js';

describe('locatePostgresError', () => {
  it('turns the 1-based position into an offset', () => {
    expect(locatePostgresError({ position: '8' }, 'SELECT nosuch FROM t')).toEqual({ offset: 7 });
  });

  it('counts characters: one outside the BMP is two UTF-16 units', () => {
    const sql = "SELECT '😀', nosuch";
    expect(locatePostgresError({ position: '13' }, sql)).toEqual({ offset: sql.indexOf('nosuch') });
  });

  it('says nothing without a position', () => {
    expect(locatePostgresError({ code: '42P01' }, 'CREATE TABLE b (a int REFERENCES x)')).toBeUndefined();
    expect(locatePostgresError(null, 'SELECT 1')).toBeUndefined();
  });
});
