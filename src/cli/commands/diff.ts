import type { CommandContext, CommandOutput, GlobalOptions } from '../context.js';
import { findEnvironment, selectDatabases } from '../../config/targets.js';
import { connectTarget, discoverTargets } from '../../run/project.js';
import { openConfig } from '../../config/load.js';
import { diffSnapshots, type SchemaChange } from '../../drift/diff.js';
import { errorInfo, type ErrorInfo } from '../../run/runner.js';
import { BbError, targetsExitCode } from '../../errors.js';
import { loadEngine, type Session, type SchemaSnapshot, type Target, type TargetRef } from '../../engine.js';

export interface DiffOptions extends GlobalOptions {
  readonly db?: string;
  readonly from?: string;
  readonly to?: string;
}

export interface DatabaseDiff {
  readonly database: string;
  readonly from?: TargetRef;
  readonly to?: TargetRef;
  /** from → to: what applying "to"'s schema to "from" would change. */
  readonly changes: readonly SchemaChange[];
  readonly error?: ErrorInfo;
}

export interface DiffReport {
  readonly from: string;
  readonly to: string;
  readonly databases: readonly DatabaseDiff[];
}

/**
 * `bb diff --from A --to B`: the live schemas of two environments, object by object, per database
 * that has a target in both (for a group, its first member). Exit 1 when they differ (like diff(1)),
 * 3 when a target cannot be reached.
 */
export default async function diff(options: DiffOptions, context: CommandContext): Promise<CommandOutput> {
  if (!options.from || !options.to) throw new BbError('usage', 'bb diff needs --from and --to.', { hint: 'For example bb diff --from staging --to prod.', code: 'usage.diff' });
  const config = await openConfig(options, context.cwd);
  const from = findEnvironment(config, options.from);
  const to = findEnvironment(config, options.to);
  const databases: DatabaseDiff[] = [];
  for (const dbConfig of selectDatabases(config, options.db)) {
    const [a] = await discoverTargets(config, from, [dbConfig], { signal: context.signal });
    const [b] = await discoverTargets(config, to, [dbConfig], { signal: context.signal });
    const ta = a?.members[0];
    const tb = b?.members[0];
    if (!ta || !tb) continue;
    const engine = await loadEngine(dbConfig.engine);
    const read = async (target: Target): Promise<SchemaSnapshot> => {
      let session: Session | undefined;
      try {
        // existing: an embedded database that does not exist yet is not created; its error says so.
        session = await connectTarget(engine, target, { signal: context.signal, openTimeoutMs: 30_000, existing: true });
        return await session.introspect();
      } finally {
        await session?.close().catch(() => undefined);
      }
    };
    try {
      const [sa, sb] = [await read(ta), await read(tb)];
      databases.push({ database: dbConfig.name, from: ta.ref, to: tb.ref, changes: diffSnapshots(sa, sb) });
    } catch (error) {
      databases.push({ database: dbConfig.name, from: ta.ref, to: tb.ref, changes: [], error: errorInfo(error) });
    }
  }
  if (databases.length === 0) {
    throw new BbError('config', `No database has targets in both ${from.name} and ${to.name}${options.db ? ` (--db ${options.db})` : ''}.`, { hint: 'Check the targets of both environments in the config.', code: 'usage.diff' });
  }
  const exit = targetsExitCode(databases.map((d) => d.error?.kind), databases.some((d) => d.changes.length > 0));
  return { kind: 'diff', data: { from: from.name, to: to.name, databases } satisfies DiffReport, exitCode: exit };
}
