import { describe, expect, it } from 'vitest';
import { BbError, interruptedBy, interruption, targetsExitCode } from './errors.js';

describe('targetsExitCode', () => {
  it.each([
    [[], false, 0],
    [[undefined], true, 1],
    [['apply'], false, 1],
    [['config'], false, 2],
    [['config', undefined], true, 2], // a config error outranks a blocker elsewhere
    [['usage', 'apply'], false, 2],
    [['config', 'connect'], true, 3], // an unreachable target outranks everything
    [['lock'], false, 3],
  ] as const)('%j, failed %s → %i', (kinds, failed, code) => {
    expect(targetsExitCode(kinds, failed)).toBe(code);
  });
});

describe('interruptedBy', () => {
  it('names the signal an interruption() aborted with, "an abort" for any other reason, nothing when not aborted', () => {
    const of = (reason?: unknown): AbortSignal | undefined => {
      if (reason === undefined) return new AbortController().signal;
      const c = new AbortController();
      c.abort(reason);
      return c.signal;
    };
    expect(interruptedBy(of(interruption('SIGINT')))).toBe('SIGINT (Ctrl-C)');
    expect(interruptedBy(of(interruption('SIGTERM')))).toBe('SIGTERM');
    expect(interruptedBy(of(new BbError('apply', 'x')))).toBe('an abort');
    expect(interruptedBy(of())).toBeUndefined();
    expect(interruptedBy(undefined)).toBeUndefined();
    expect(interruption('SIGTERM')).toMatchObject({ kind: 'interrupted', code: 'interrupted.sigterm', message: 'Interrupted by SIGTERM.' });
  });
});
