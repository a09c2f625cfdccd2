import { describe, expect, it } from 'vitest';
import { oneReadStatement } from './read-check.js';

const refusal = (s: string): string | undefined => (s.startsWith('DELETE') ? 'is DELETE, which writes' : undefined);
const references = (s: string) => ({ tables: [{ table: s.split(' ').pop()! }], columns: [], star: s.includes('*') });

describe('oneReadStatement', () => {
  it('passes one statement the engine lets through, with its references', () => {
    expect(oneReadStatement(['SELECT * FROM users'], refusal, references)).toEqual({ ok: true, tables: [{ table: 'users' }], columns: [], star: true });
  });

  it('refuses no statement, a refused one (numbered among several), and several that each pass', () => {
    expect(oneReadStatement([], refusal, references)).toEqual({ ok: false, reason: 'contains no statement' });
    expect(oneReadStatement(['DELETE FROM users'], refusal, references)).toEqual({ ok: false, reason: 'is DELETE, which writes' });
    expect(oneReadStatement(['SELECT 1 FROM a', 'DELETE FROM users'], refusal, references)).toEqual({ ok: false, reason: '(statement 2) is DELETE, which writes' });
    expect(oneReadStatement(['SELECT 1 FROM a', 'SELECT 2 FROM b'], refusal, references)).toEqual({ ok: false, reason: 'has 2 statements; bb query runs one statement at a time', several: true });
  });
});
