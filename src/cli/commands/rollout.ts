import type { CommandContext, CommandOutput } from '../context.js';
import { findEnvironment } from '../../config/targets.js';
import { BbError, exitCode } from '../../errors.js';
import { openConfig } from '../../config/load.js';
import type { MigrateOptions, RunReport } from './migrate.js';
import { blocksEnvironment } from '../../plan/report.js';

export interface RolloutOptions extends Omit<MigrateOptions, 'dryRun' | 'readonly'> {
  /** The last environment to reach (inclusive); default: the last one in promotion order. */
  readonly to?: string;
  /** --env: where to start (default: the first environment). */
  readonly env?: string;
}

/** What happened on one environment. */
export type RolloutOutcome =
  | 'applied'        // pending versions applied on every target
  | 'up-to-date'     // nothing to do
  | 'failed'         // a migration failed (the rollout stops here)
  | 'blocked'        // a blocker (checksum, failed history row, gate…) stopped it before anything ran
  | 'unreachable'    // a target could not be reached or locked
  | 'stopped'        // protected and no --yes: not touched
  | 'error'          // any other error (config, read-only environment)
  | 'not-reached';   // an earlier environment stopped the rollout

export interface RolloutStep {
  readonly environment: string;
  readonly protected: boolean;
  readonly outcome: RolloutOutcome;
  readonly exitCode: 0 | 1 | 2 | 3;
  /** The run of `bb migrate --env <environment>`, when it ran. */
  readonly run?: RunReport;
  readonly error?: { readonly kind: string; readonly message: string; readonly hint?: string };
}

export interface RolloutReport {
  readonly environments: readonly RolloutStep[];
  /** The environment where the rollout stopped early, if it did. */
  readonly stoppedAt?: string;
}

/**
 * `bb rollout [--to <env>]`: `bb migrate` on each environment in promotion order, each only after the
 * previous one succeeded (the promotion gate holds as always), stopping before a protected environment
 * without --yes and at the first failure. Exit code: the worst outcome (3 unreachable, 2 config, 1
 * failed/blocked/stopped, 0 all applied or up to date).
 */
export default async function rollout(options: RolloutOptions, context: CommandContext): Promise<CommandOutput> {
  const config = await openConfig(options, context.cwd);
  const envs = config.environments;
  const from = options.env !== undefined ? findEnvironment(config, options.env).index : 0;
  const to = options.to !== undefined ? findEnvironment(config, options.to).index : envs.length - 1;
  if (to < from) {
    throw new BbError('usage', `--to ${options.to} comes before --env ${options.env} in the promotion order (${envs.map((e) => e.name).join(' → ')}).`, { hint: 'Name a later environment with --to.', code: 'usage.rollout-order' });
  }
  const { default: migrate } = await import('./migrate.js');
  const steps: RolloutStep[] = [];
  let stoppedAt: string | undefined;
  for (const env of envs.slice(from, to + 1)) {
    if (stoppedAt !== undefined || context.signal.aborted) {
      steps.push({ environment: env.name, protected: env.protected, outcome: 'not-reached', exitCode: 0 });
      continue;
    }
    context.progress(`→ ${env.name}${env.protected ? ' (protected)' : ''}`);
    let step: RolloutStep;
    try {
      const { to: _to, env: _env, ...rest } = options;
      const out = await migrate({ ...rest, env: env.name } as MigrateOptions, context);
      const run = out.data as RunReport;
      const blocked = run.plan.targets.some(blocksEnvironment);
      const applied = run.targets.some((t) => t.migrations.some((m) => m.status === 'done'));
      const outcome: RolloutOutcome = out.exitCode === 3 ? 'unreachable' : blocked ? 'blocked' : out.exitCode !== 0 ? 'failed' : applied ? 'applied' : 'up-to-date';
      step = { environment: env.name, protected: env.protected, outcome, exitCode: out.exitCode, run };
    } catch (error) {
      if (!(error instanceof BbError)) throw error;
      const info = { kind: error.kind, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
      const outcome: RolloutOutcome = error.code === 'gate.protected' ? 'stopped' : error.kind === 'connect' || error.kind === 'lock' ? 'unreachable' : 'error';
      step = { environment: env.name, protected: env.protected, outcome, exitCode: exitCode(error), error: info };
      if (outcome === 'stopped') {
        step = { ...step, error: { ...info, message: `Stopped before ${env.name}: it is protected and --yes was not given.`, hint: `Run bb rollout${options.to ? ` --to ${options.to}` : ''} --yes (or bb migrate --env ${env.name} --yes) after approval.` } };
      }
    }
    steps.push(step);
    if (step.outcome !== 'applied' && step.outcome !== 'up-to-date') stoppedAt = env.name;
  }
  const worst = steps.reduce<0 | 1 | 2 | 3>((w, s) => (rank(s.exitCode) > rank(w) ? s.exitCode : w), 0);
  const report: RolloutReport = { environments: steps, ...(stoppedAt !== undefined ? { stoppedAt } : {}) };
  return { kind: 'rollout', data: report, exitCode: worst };
}

/** 3 (cannot connect) outranks 2 (config) outranks 1 (failed). */
function rank(code: 0 | 1 | 2 | 3): number {
  return code;
}
