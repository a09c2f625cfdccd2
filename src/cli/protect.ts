import type { EnvironmentConfig } from '../config/model.js';
import { BbError } from '../errors.js';
import type { CommandContext } from './context.js';
import { confirm } from './confirm.js';

/** A protected environment needs --yes, or a yes on the terminal. */
export async function confirmProtected(env: EnvironmentConfig, yes: boolean, context: CommandContext, what: string): Promise<void> {
  if (!env.protected || yes) return;
  if (context.interactive && (await confirm(`${what[0]!.toUpperCase()}${what.slice(1)} protected environment ${env.name}?`))) return;
  throw new BbError('gate', `Environment "${env.name}" is protected: refusing to ${what} environment ${env.name} without confirmation.`, {
    hint: 'Add --yes to confirm.',
    code: 'gate.protected',
  });
}
