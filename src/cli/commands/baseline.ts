import type { CommandContext, CommandOutput, GlobalOptions } from '../context.js';
import { forEachTarget, workExitCode } from '../../run/each-target.js';
import { runContext } from '../../run/project.js';
import { BbError } from '../../errors.js';
import { compareKeys } from '../../migrations/version.js';
import type { ErrorInfo } from '../../run/runner.js';
import { version } from '../flags.js';
import { confirmProtected } from '../protect.js';

export interface BaselineOptions extends GlobalOptions { readonly db?: string; readonly version: string; readonly yes?: boolean }

export interface BaselineTarget {
  readonly target: string;
  /** The version the target is baselined at (absent with `error`). */
  readonly version?: string;
  /** It already was, at that version: nothing was written (a rerun of the same bb baseline). */
  readonly alreadyBaselined?: boolean;
  readonly error?: ErrorInfo;
}

/** `bb baseline --format json`, and what its pretty output is drawn from (src/output/pretty/history-commands.ts). */
export interface BaselineReport {
  readonly environment: string;
  readonly targets: readonly BaselineTarget[];
}

/** Records that an existing database already is at a version: files up to it count as applied. */
export default async function baseline(options: BaselineOptions, context: CommandContext): Promise<CommandOutput> {
  version(options.version, '--version');
  const { loadConfig } = await import('../../config/load.js');
  const { findEnvironment } = await import('../../config/targets.js');
  const env = findEnvironment(await loadConfig({ configPath: options.config, cwd: context.cwd }), options.env);
  await confirmProtected(env, options.yes === true, context, 'baseline');
  const work = await forEachTarget({ ...options, write: true }, context.cwd, context.signal, async (session, db): Promise<Omit<BaselineTarget, 'target'>> => {
    // Recorded as the files spell it (`1` is 0001), so plan, status and history name one version alike.
    const key = db.dir.files.find((f) => f.kind === 'versioned' && compareKeys(f.key, options.version) === 0)?.key ?? options.version;
    const rows = await session.history.read();
    if (rows.some((r) => r.kind !== 'baseline')) {
      throw new BbError('history', `${session.target.id} already has migrations in its history; a baseline only starts an empty history.`, { hint: `bb status --env ${env.name} shows where it stands; bb migrate --env ${env.name} applies what is pending.`, code: 'history.not-empty' });
    }
    const earlier = rows.find((r) => r.kind === 'baseline');
    // The same baseline again (a rerun CI job) is already done; 3 and 0003 name the same version.
    if (earlier && compareKeys(earlier.version, options.version) === 0) return { version: earlier.version, alreadyBaselined: true };
    if (earlier) {
      // Two baselines would leave plan (the highest) and the reader of the history guessing which one holds.
      throw new BbError('history', `${session.target.id} is already baselined at ${earlier.version}; a baseline only starts an empty history.`, {
        hint: `To move it, remove it first: bb repair --env ${env.name} --version ${earlier.version} --forget, then bb baseline again.`,
        code: 'history.not-empty',
      });
    }
    const file = { key, name: 'baseline', path: '', checksum: 'baseline' };
    await session.history.ensure();
    await session.history.start({ file, kind: 'baseline', total: 0, applied: 0, statementHashes: [], context: runContext(env.name) });
    await session.history.finish(key, { status: 'done', durationMs: 0 });
    return { version: key, alreadyBaselined: false };
  });
  const targets = work.results.map((r): BaselineTarget => ({ target: r.target, ...r.value, ...(r.error ? { error: r.error } : {}) }));
  return { kind: 'baseline', data: { environment: env.name, targets } satisfies BaselineReport, exitCode: workExitCode(work.results) };
}
