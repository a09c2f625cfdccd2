import type { Config } from '../../config/model.js';
import type { CommandContext, CommandOutput, GlobalOptions } from '../context.js';
import { findEnvironment, selectDatabases } from '../../config/targets.js';
import { connectTarget, loadDatabase, prePlanRows, readPrevious, discoverTargets } from '../../run/project.js';
import { openConfig } from '../../config/load.js';
import { checkToVersion } from '../../plan/to-version.js';
import { planTarget, type TargetPlan } from '../../plan/plan.js';
import type { Session } from '../../engine.js';
import type { RunHooks } from '../../run/runner.js';
import { errorReport, planExitCode, toReport, type PlanReport, type TargetPlanReport } from '../../plan/report.js';
import { planMember } from '../../run/fleet.js';
import { BbError } from '../../errors.js';
import { checkDrift, driftRefusal } from '../../drift/check.js';
import { version } from '../flags.js';

export interface PlanOptions extends GlobalOptions {
  readonly db?: string;
  readonly to?: string;
  readonly allowOutOfOrder?: boolean;
}

/** What `bb migrate` would do; reads histories, never writes (not even the history table). */
export default async function plan(options: PlanOptions, context: CommandContext): Promise<CommandOutput> {
  if (options.to !== undefined) version(options.to, '--to');
  const report = await buildPlanReport(options, context);
  return { kind: 'plan', data: report, exitCode: planExitCode(report.targets) };
}

/** The plan of every target; `config` when the caller has loaded it already (migrate's backup: before-migrate). */
export async function buildPlanReport(options: PlanOptions, context: CommandContext, loaded?: Config): Promise<PlanReport> {
  const config = loaded ?? (await openConfig(options, context.cwd));
  const env = findEnvironment(config, options.env);
  const targets: TargetPlanReport[] = [];
  const discovered = await discoverTargets(config, env, selectDatabases(config, options.db));
  const folders = await Promise.all(discovered.map((dt) => loadDatabase(config, dt.database, env)));
  if (options.to !== undefined) checkToVersion(options.to, folders.map((db) => db.dir));
  for (const [i, dt] of discovered.entries()) {
    const loaded = folders[i]!;
    const previous = await readPrevious(config, env, loaded, { signal: context.signal });
    // The prior-backup checks bb migrate makes before it runs anything (they only read): a statement
    // migrate would refuse (no primary key, too many rows) shows here as the target's error.
    const prior = import('../../backup/prior.js').then((m) => m.priorBackupHooks(loaded.config, loaded.engine, loaded.analysis));
    // Under onError: continue, a member that cannot go ahead (unreachable, blocked) counts failed, as in
    // bb migrate: shown with its error, it does not stop the other members (exit 1, not 3).
    const onError = dt.config.kind === 'group' ? dt.config.onError : 'stop';
    for (const target of dt.members) {
      let session;
      let report: TargetPlanReport;
      try {
        // Planning never creates an embedded database: one that does not exist yet has an empty history.
        session = await connectTarget(loaded.engine, target, { signal: context.signal, existing: true }).catch((error: unknown) => {
          if (error instanceof BbError && error.code === 'connect.not-created') return undefined;
          throw error;
        });
        // A pending row is asked about as in bb migrate: left out while a runner holds the lock, and a lock
        // that cannot be read is the target's error (lock.unreadable), not an interrupted run to repair.
        const rows = session ? await prePlanRows(session) : [];
        const planned = planTarget({
          dir: loaded.dir, analysis: loaded.analysis, target: target.ref, rows,
          ...(previous ? { previous } : {}),
          allowOutOfOrder: options.allowOutOfOrder === true,
          ...(options.to !== undefined ? { to: options.to } : {}),
          transactionalDdl: loaded.engine.capabilities.transactionalDdl,
          ...(loaded.engine.capabilities.warnings ? { warn: (stmt) => loaded.engine.capabilities.warnings!(stmt, target.cluster !== undefined ? { cluster: target.cluster } : {}) } : {}),
        });
        report = { ...toReport(planned), ...(session && planned.blockers.length === 0 ? await refusal(await prior, session, planned) : {}) };
        // drift: fail refuses a drifted target that has something to apply: bb plan says so too (it
        // said the plan was fine, exit 0, and the bb migrate that followed refused).
        if (session && env.drift === 'fail' && !report.error && planned.blockers.length === 0 && planned.steps.length > 0) {
          const refused = driftRefusal(await checkDrift(session), env.name);
          if (refused) report = { ...report, error: refused };
        }
      } catch (error) {
        if (!(error instanceof BbError)) throw error;
        report = errorReport(target.ref, error);
      } finally {
        await session?.close().catch(() => undefined);
      }
      targets.push(planMember(report, onError).report);
    }
  }
  if (targets.length === 0) {
    throw new BbError('config', `Environment "${env.name}" has no targets${options.db ? ` for database "${options.db}"` : ''}.`, { hint: `Add targets under environments → ${env.name} → targets in the config.` });
  }
  return { environment: env.name, protected: env.protected, targets };
}

/** The prior-backup check's refusal of a plan, as a report error (nothing when it passes or does not apply). */
async function refusal(hooks: RunHooks | undefined, session: Session, planned: TargetPlan): Promise<Pick<TargetPlanReport, 'error'>> {
  if (!hooks?.beforeSteps || planned.steps.length === 0) return {};
  try {
    await hooks.beforeSteps(session, planned);
    return {};
  } catch (error) {
    if (!(error instanceof BbError)) throw error;
    return { error: { kind: error.kind, message: error.message, ...(error.hint ? { hint: error.hint } : {}) } };
  }
}
