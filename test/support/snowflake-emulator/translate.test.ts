import { describe, expect, it } from 'vitest';
import { matchParen, rewrite, tokenize } from './translate.js';

const ctx = { database: 'BBT', session: { user: 'BB', role: 'PUBLIC', warehouse: 'WH', schema: 'PUBLIC' } };

describe('snowflake emulator translate', () => {
  it('drops the precision of timestamp types, closed or not, and keeps what follows', () => {
    expect(rewrite(tokenize('CREATE TABLE t (a TIMESTAMP_NTZ(3), b TIMESTAMP(9) NOT NULL)'), ctx)).toMatch(/a timestamp, b timestamp NOT NULL\)/);
    expect(rewrite(tokenize('SELECT CAST(x AS TIMESTAMP_NTZ(3'), ctx)).toMatch(/AS timestamp$/);
  });

  it('matchParen: the matching `)`, or -1', () => {
    const tokens = tokenize('f(a, (b), c) d');
    expect(tokens[matchParen(tokens, 1)]!.text).toBe(')');
    expect(matchParen(tokens, 1)).toBe(tokens.findIndex((t) => t.text === 'd') - 2);
    expect(matchParen(tokenize('f(a'), 1)).toBe(-1);
  });
});
