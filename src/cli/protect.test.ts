import { describe, expect, it } from 'vitest';
import type { EnvironmentConfig } from '../config/model.js';
import type { CommandContext } from './context.js';
import { confirmProtected } from './protect.js';

const prod = { name: 'prod', protected: true } as unknown as EnvironmentConfig;
const context = { interactive: false } as unknown as CommandContext;

describe('confirmProtected', () => {
  it('refuses without --yes off a terminal, in a sentence that reads right for every command', async () => {
    const cases: [string, string][] = [
      ['roll back', 'Environment "prod" is protected: refusing to roll back environment prod without confirmation.'],
      ['repair the history of', 'Environment "prod" is protected: refusing to repair the history of environment prod without confirmation.'],
      ['restore a backup over', 'Environment "prod" is protected: refusing to restore a backup over environment prod without confirmation.'],
    ];
    for (const [what, message] of cases) {
      await expect(confirmProtected(prod, false, context, what)).rejects.toMatchObject({ kind: 'gate', code: 'gate.protected', message, hint: 'Add --yes to confirm.' });
    }
  });

  it('passes with --yes, and on an environment that is not protected', async () => {
    await expect(confirmProtected(prod, true, context, 'roll back')).resolves.toBeUndefined();
    await expect(confirmProtected({ ...prod, protected: false }, false, context, 'roll back')).resolves.toBeUndefined();
  });
});
