import type { CommandContext, CommandOutput, GlobalOptions } from '../context.js';
import { findEnvironment, selectDatabases } from '../../config/targets.js';
import { connectTarget, loadDatabase, openConfig, readPrevious, discoverTargets } from '../../run/project.js';
import { planTarget } from '../../plan/plan.js';
import { errorReport, toReport, type PlanReport, type TargetPlanReport } from '../../plan/report.js';
import { BbError, exitCode } from '../../errors.js';

export interface PlanOptions extends GlobalOptions {
  readonly db?: string;
  readonly to?: string;
  readonly allowOutOfOrder?: boolean;
}

/** What `bb migrate` would do; reads histories, never writes (not even the history table). */
export default async function plan(options: PlanOptions, context: CommandContext): Promise<CommandOutput> {
  const report = await buildPlanReport(options, context);
  return { kind: 'plan', data: report, exitCode: planExitCode(report) };
}

export async function buildPlanReport(options: PlanOptions, context: CommandContext): Promise<PlanReport> {
  const config = await openConfig(options, context.cwd);
  const env = findEnvironment(config, options.env);
  const targets: TargetPlanReport[] = [];
  for (const db of selectDatabases(config, options.db)) {
    const [dt] = await discoverTargets(config, env, [db]);
    if (!dt) continue;
    const loaded = await loadDatabase(config, db, env);
    const previous = await readPrevious(config, env, loaded, { signal: context.signal });
    for (const target of dt.members) {
      let session;
      try {
        // Planning never creates an embedded database: one that does not exist yet has an empty history.
        session = await connectTarget(loaded.engine, target, { signal: context.signal, existing: true }).catch((error: unknown) => {
          if (error instanceof BbError && error.code === 'connect.not-created') return undefined;
          throw error;
        });
        const rows = session ? await session.history.read() : [];
        targets.push(toReport(planTarget({
          dir: loaded.dir, analysis: loaded.analysis, target: target.ref, rows,
          ...(previous ? { previous } : {}),
          allowOutOfOrder: options.allowOutOfOrder === true,
          ...(options.to !== undefined ? { to: options.to } : {}),
          transactionalDdl: loaded.engine.capabilities.transactionalDdl,
          ...(loaded.engine.capabilities.warnings ? { warn: (stmt) => loaded.engine.capabilities.warnings!(stmt, target.cluster !== undefined ? { cluster: target.cluster } : {}) } : {}),
        })));
      } catch (error) {
        if (!(error instanceof BbError)) throw error;
        targets.push(errorReport(target.ref, error));
      } finally {
        await session?.close().catch(() => undefined);
      }
    }
  }
  if (targets.length === 0) {
    throw new BbError('config', `Environment "${env.name}" has no targets${options.db ? ` for database "${options.db}"` : ''}.`, { hint: `Add targets under environments → ${env.name} → targets in the config.` });
  }
  return { environment: env.name, protected: env.protected, targets };
}

export function planExitCode(report: PlanReport): 0 | 1 | 3 {
  if (report.targets.some((t) => t.error && exitCode(new BbError(t.error.kind as never, '')) === 3)) return 3;
  return report.targets.some((t) => t.blockers.length > 0 || t.error) ? 1 : 0;
}
