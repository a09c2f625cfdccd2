import type { CommandContext, CommandOutput, GlobalOptions } from '../context.js';
import { findEnvironment, selectDatabases } from '../../config/targets.js';
import { connectTarget, discoverTargets } from '../../run/project.js';
import { openConfig } from '../../config/load.js';
import { mapPool } from '../../run/fleet.js';
import { checkDrift, type DriftResult } from '../../drift/check.js';
import { errorInfo } from '../../run/runner.js';
import { BbError, targetsExitCode } from '../../errors.js';
import { loadEngine, type Session } from '../../engine.js';

export interface DriftOptions extends GlobalOptions { readonly db?: string }

export interface DriftReport {
  readonly environment: string;
  /** Every target (and group member), in config order. */
  readonly targets: readonly DriftResult[];
}

/**
 * `bb drift --env X`: each target's live schema against the snapshot bb stored after its last
 * migration. Exit 1 when any target drifted, 3 when one could not be reached, else 0 (a target bb
 * never migrated has no snapshot: reported, not drift).
 */
export default async function drift(options: DriftOptions, context: CommandContext): Promise<CommandOutput> {
  const config = await openConfig(options, context.cwd);
  const env = findEnvironment(config, options.env);
  const targets: DriftResult[] = [];
  for (const dbConfig of selectDatabases(config, options.db)) {
    const [dt] = await discoverTargets(config, env, [dbConfig], { signal: context.signal });
    if (!dt) continue;
    const engine = await loadEngine(dbConfig.engine);
    const concurrency = dt.config.kind === 'group' ? Math.max(4, dt.config.concurrency) : 1;
    const results = await mapPool(dt.members, concurrency, async (target) => {
      let session: Session | undefined;
      try {
        // An embedded database that does not exist yet is not created: bb never migrated it, no snapshot.
        session = await connectTarget(engine, target, { signal: context.signal, openTimeoutMs: 30_000, existing: true });
        return await checkDrift(session);
      } catch (error) {
        if (error instanceof BbError && error.code === 'connect.not-created') return { target: target.ref, status: 'no-snapshot', changes: [] } satisfies DriftResult;
        return { target: target.ref, status: 'error', changes: [], error: errorInfo(error) } satisfies DriftResult;
      } finally {
        await session?.close().catch(() => undefined);
      }
    });
    for (const r of results) if (r) targets.push(r);
  }
  if (targets.length === 0) {
    throw new BbError('config', `Environment "${env.name}" has no targets${options.db ? ` for database "${options.db}"` : ''}.`, { hint: `Add targets under environments → ${env.name} → targets in the config.` });
  }
  const report: DriftReport = { environment: env.name, targets };
  const exit = targetsExitCode(targets.map((t) => (t.status === 'error' ? t.error?.kind ?? 'internal' : undefined)), targets.some((t) => t.status === 'drift'));
  return { kind: 'drift', data: report, exitCode: exit };
}
