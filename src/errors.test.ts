import { describe, expect, it } from 'vitest';
import { targetsExitCode } from './errors.js';

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
