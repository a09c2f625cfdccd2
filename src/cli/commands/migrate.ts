import type { CommandContext, CommandOutput, GlobalOptions } from '../context.js';
import { findEnvironment, selectDatabases } from '../../config/targets.js';
import { connectTarget, loadDatabase, openConfig, readPrevious, runContext, discoverTargets, type LoadedDatabase } from '../../run/project.js';
import { planTarget, type PreviousEnvironment } from '../../plan/plan.js';
import { errorReport, toReport, type PlanReport, type TargetPlanReport } from '../../plan/report.js';
import { runTarget, type TargetResult } from '../../run/runner.js';
import { lockKey } from '../../run/lock.js';
import { BbError, exitCode } from '../../errors.js';
import type { Session } from '../../engine.js';
import { progressReporter } from '../../output/progress.js';
import { confirm } from '../confirm.js';

export interface MigrateOptions extends GlobalOptions {
  readonly db?: string;
  readonly to?: string;
  readonly dryRun?: boolean;
  readonly yes?: boolean;
  readonly lockTimeout?: string;
  readonly allowOutOfOrder?: boolean;
  readonly readonly?: boolean;
}

export interface RunReport {
  readonly environment: string;
  readonly dryRun: boolean;
  readonly plan: PlanReport;
  readonly targets: readonly TargetResult[];
}

interface Prepared { readonly db: LoadedDatabase; readonly session: Session; readonly previous?: PreviousEnvironment }

export default async function migrate(options: MigrateOptions, context: CommandContext): Promise<CommandOutput> {
  const lockTimeoutMs = seconds(options.lockTimeout ?? '60', '--lock-timeout') * 1000;
  const config = await openConfig(options, context.cwd);
  const env = findEnvironment(config, options.env);
  const prepared: Prepared[] = [];
  const planned: TargetPlanReport[] = [];
  try {
    // 1. Plan every target first: a blocker anywhere means nothing is written anywhere.
    for (const dbConfig of selectDatabases(config, options.db)) {
      const [dt] = await discoverTargets(config, env, [dbConfig]);
      if (!dt) continue;
      const db = await loadDatabase(config, dbConfig);
      const previous = await readPrevious(config, env, db, { signal: context.signal });
      for (const target of dt.members) {
        let session: Session;
        try {
          session = await connectTarget(db.engine, target, { signal: context.signal, openTimeoutMs: lockTimeoutMs });
        } catch (error) {
          if (!(error instanceof BbError)) throw error;
          planned.push(errorReport(target.ref, error));
          continue;
        }
        prepared.push({ db, session, ...(previous ? { previous } : {}) });
        const read = await session.history.read();
        // A pending row while another runner holds the lock is that runner's work in progress (visible
        // at once where DDL commits implicitly), not an interrupted run: runTarget waits for the lock
        // and plans again under it.
        const holder = read.some((r) => r.status === 'pending') ? await session.lockHolder(lockKey(session)).catch(() => undefined) : undefined;
        const rows = holder ? read.filter((r) => r.status !== 'pending') : read;
        planned.push(toReport(planTarget({
          dir: db.dir, analysis: db.analysis, target: target.ref, rows,
          ...(previous ? { previous } : {}),
          allowOutOfOrder: options.allowOutOfOrder === true,
          ...(options.to !== undefined ? { to: options.to } : {}),
          transactionalDdl: db.engine.capabilities.transactionalDdl,
        })));
      }
    }
    if (planned.length === 0) {
      throw new BbError('config', `Environment "${env.name}" has no targets${options.db ? ` for database "${options.db}"` : ''}.`, { hint: `Add targets under environments → ${env.name} → targets in the config.` });
    }
    const plan: PlanReport = { environment: env.name, protected: env.protected, targets: planned };
    const blocked = planned.filter((t) => t.blockers.length > 0 || t.error);
    if (blocked.length > 0) {
      const code = planned.some((t) => t.error && exitCode(new BbError(t.error.kind as never, '')) === 3) ? 3 : 1;
      return { kind: 'run', data: { environment: env.name, dryRun: options.dryRun === true, plan, targets: [] } satisfies RunReport, exitCode: code };
    }
    const pending = planned.reduce((n, t) => n + t.steps.length, 0);
    if (options.dryRun || pending === 0) {
      return { kind: 'run', data: { environment: env.name, dryRun: options.dryRun === true, plan, targets: [] } satisfies RunReport, exitCode: 0 };
    }
    if (env.readonly || options.readonly) {
      throw new BbError('usage', `Environment "${env.name}" is read-only${env.readonly ? ' (readonly: true in the config)' : ' (--readonly)'}: ${pending} pending migration${pending === 1 ? '' : 's'} not applied.`, {
        hint: 'Use bb plan to see them; apply them where writes are allowed.',
        code: 'usage.readonly',
      });
    }
    if (env.protected && !options.yes) {
      const ok = context.interactive && (await confirm(`Apply ${pending} migration${pending === 1 ? '' : 's'} to protected environment ${env.name}?`));
      if (!ok) {
        throw new BbError('gate', `Environment "${env.name}" is protected: ${pending} migration${pending === 1 ? '' : 's'} not applied.`, {
          hint: `Run bb migrate --env ${env.name} --yes to confirm (in CI, after an approval step).`,
          code: 'gate.protected',
        });
      }
    }

    // 2. Run each target: lock, re-plan under the lock, apply.
    const onEvent = progressReporter({ tty: !!process.stderr.isTTY && options.format === 'pretty', quiet: options.quiet || options.format !== 'pretty', write: (t) => process.stderr.write(t) });
    const results: TargetResult[] = [];
    let stop = false;
    for (const p of prepared) {
      if (stop || context.signal.aborted) break;
      const result = await runTarget({
        session: p.session, engine: p.db.engine, dir: p.db.dir, analysis: p.db.analysis,
        ...(p.previous ? { previous: p.previous } : {}),
        allowOutOfOrder: options.allowOutOfOrder === true,
        ...(options.to !== undefined ? { to: options.to } : {}),
        lockTimeoutMs, context: runContext(env.name), onEvent, signal: context.signal,
      });
      onEvent({ type: 'target-end', result });
      results.push(result);
      if (result.error || result.migrations.some((m) => m.status === 'failed')) stop = true;
    }
    return { kind: 'run', data: { environment: env.name, dryRun: false, plan, targets: results } satisfies RunReport, exitCode: runExitCode(results) };
  } finally {
    await Promise.all(prepared.map((p) => p.session.close().catch(() => undefined)));
  }
}

export function runExitCode(results: readonly TargetResult[]): 0 | 1 | 3 {
  if (results.some((r) => r.error && (r.error.kind === 'lock' || r.error.kind === 'connect'))) return 3;
  return results.some((r) => r.error || r.migrations.some((m) => m.status !== 'done')) ? 1 : 0;
}

export function seconds(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new BbError('usage', `${flag} must be a number of seconds, got "${value}".`, { hint: `For example ${flag} 30.` });
  return n;
}
