import { describe, expect, it } from 'vitest';
import { BbError } from '../errors.js';
import { findPlaceholders, substitutePlaceholders } from './placeholders.js';

const opts = { path: 'migrations/0001_x.sql', environment: 'prod' };

describe('placeholders', () => {
  it('replaces {{ name }} with and without blanks, everywhere in the file', () => {
    const sql = 'USE DATABASE {{ db }};\nCREATE TABLE {{db}}.PUBLIC.T (ID INT); -- in {{ db }}\nGRANT SELECT ON T TO ROLE {{ reader_role }};';
    expect(substitutePlaceholders(sql, { db: 'ANALYTICS_PROD', reader_role: 'READER' }, opts)).toBe(
      'USE DATABASE ANALYTICS_PROD;\nCREATE TABLE ANALYTICS_PROD.PUBLIC.T (ID INT); -- in ANALYTICS_PROD\nGRANT SELECT ON T TO ROLE READER;',
    );
  });

  it('formats numbers and booleans, and accepts dotted and dashed names', () => {
    expect(substitutePlaceholders('SELECT {{ n }}, {{ flag }}, {{ a.b-c }}', { n: 3, flag: true, 'a.b-c': 'x' }, opts)).toBe('SELECT 3, true, x');
  });

  it('keeps \\{{ as a literal {{ and leaves other braces alone', () => {
    expect(substitutePlaceholders("SELECT '\\{{ not_a_var }}', '{ x }', '{{ 1 }}'", {}, opts)).toBe("SELECT '{{ not_a_var }}', '{ x }', '{{ 1 }}'");
  });

  it('names an undefined placeholder with file, line, column and environment, and lists the others', () => {
    const sql = 'SELECT 1;\nUSE DATABASE {{ db }};\nUSE ROLE {{ role }};';
    let error: unknown;
    try {
      substitutePlaceholders(sql, { other: 'x' }, opts);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BbError);
    const e = error as BbError;
    expect(e.kind).toBe('config');
    expect(e.code).toBe('config.undefined-placeholder');
    expect(e.message).toContain('migrations/0001_x.sql:2:14');
    expect(e.message).toContain('{{ db }}');
    expect(e.message).toContain('environment "prod"');
    expect(e.message).toContain('also undefined: role');
    expect(e.hint).toContain('db: …');
    expect(e.hint).toContain('it defines: other');
  });

  it("in 'name' mode replaces an undefined placeholder by its bare name (lint without an environment)", () => {
    expect(substitutePlaceholders('CREATE TABLE {{ db }}.S.T (ID INT)', {}, { ...opts, missing: 'name' })).toBe('CREATE TABLE db.S.T (ID INT)');
  });

  it('finds placeholders with their positions', () => {
    expect(findPlaceholders('a\n  {{ x }} \\{{ y }} {{z}}')).toEqual([
      { name: 'x', offset: 4, line: 2, column: 3, length: 7 },
      { name: 'z', offset: 21, line: 2, column: 20, length: 5 },
    ]);
  });

  it('returns a file without placeholders unchanged', () => {
    const sql = 'SELECT 1';
    expect(substitutePlaceholders(sql, {}, opts)).toBe(sql);
  });
});
