import { describe, expect, it } from 'vitest';
import { BbError } from '../errors.js';
import { positiveWhole, seconds, version } from './flags.js';

const refusal = (f: () => unknown): BbError => {
  try {
    f();
  } catch (error) {
    if (error instanceof BbError) return error;
    throw error;
  }
  throw new Error('accepted');
};

describe('flags', () => {
  it('seconds: 0 or more, fractions allowed; anything else is a usage error naming the flag', () => {
    expect(seconds('30', '--timeout')).toBe(30);
    expect(seconds('0.5', '--timeout')).toBe(0.5);
    expect(seconds('0', '--lock-timeout')).toBe(0);
    const e = refusal(() => seconds('soon', '--lock-timeout'));
    expect([e.kind, e.message, e.hint]).toEqual(['usage', '--lock-timeout must be a number of seconds, got "soon".', 'For example --lock-timeout 30.']);
    expect(refusal(() => seconds('-1', '--timeout')).kind).toBe('usage');
  });

  it('seconds with aboveZero: 0 is refused too, with the caller\'s hint and code', () => {
    expect(seconds('0.5', '--timeout', { aboveZero: true })).toBe(0.5);
    const e = refusal(() => seconds('0', '--timeout', { aboveZero: true, hint: 'Raise it.', code: 'usage.timeout' }));
    expect([e.kind, e.code, e.message, e.hint]).toEqual(['usage', 'usage.timeout', '--timeout must be a number of seconds above 0, got "0".', 'Raise it.']);
    expect(refusal(() => seconds('soon', '--lock-timeout')).code).toBe('usage');
  });

  it('positiveWhole: the fallback when not given, whole numbers from 1', () => {
    expect(positiveWhole(undefined, '--limit', 50)).toBe(50);
    expect(positiveWhole('3', '--steps', 1)).toBe(3);
    for (const bad of ['0', '-2', '1.5', 'all', '']) expect(refusal(() => positiveWhole(bad, '--limit', 50)).message).toBe(`--limit must be a positive whole number, got "${bad}".`);
  });

  it('version: the versions migration files carry; anything else names the flag', () => {
    for (const good of ['0042', '1.2', '1_1', '2017-12-12-223105', '20240101120000000000']) expect(version(good, '--to')).toBe(good);
    for (const bad of ['latest', 'v1', '1.x', '', '1..2']) {
      const e = refusal(() => version(bad, '--to'));
      expect([e.kind, e.code, e.message]).toEqual(['usage', 'usage.version', `--to "${bad}" is not a version.`]);
    }
  });
});
