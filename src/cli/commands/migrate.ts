import type { CommandContext, CommandOutput, GlobalOptions } from '../context.js';
import { findEnvironment, selectDatabases } from '../../config/targets.js';
import { connectTarget, discoverTargets, loadDatabase, prePlanRows, readPrevious, runContext, type LoadedDatabase } from '../../run/project.js';
import { openConfig } from '../../config/load.js';
import { checkToVersion } from '../../plan/to-version.js';
import { planTarget, type PreviousEnvironment } from '../../plan/plan.js';
import { blocksEnvironment, errorReport, planExitCode, toReport, type PlanReport, type TargetPlanReport } from '../../plan/report.js';
import { runTarget, type RunHooks, type TargetResult } from '../../run/runner.js';
import { BbError, interruptedBy, targetsExitCode } from '../../errors.js';
import type { Session, Target, TargetRef } from '../../engine.js';
import type { RunEvent } from '../../run/events.js';
import { fleetProgress, mapPool, memberFilter, memberOutcome, planMember, runFleet, type FleetPolicy, type FleetResult, type MemberOutcome } from '../../run/fleet.js';
import { checkDrift, driftRefusal, type DriftResult } from '../../drift/check.js';
import { progressReporter } from '../../output/progress.js';
import { confirm } from '../confirm.js';
import { seconds, version } from '../flags.js';

export interface MigrateOptions extends GlobalOptions {
  readonly db?: string;
  readonly to?: string;
  readonly dryRun?: boolean;
  readonly yes?: boolean;
  readonly lockTimeout?: string;
  readonly allowOutOfOrder?: boolean;
  readonly readonly?: boolean;
  /** Group members to run (comma-separated name patterns, see src/run/fleet.ts memberFilter). */
  readonly only?: string;
  /** Group members to leave out. */
  readonly exclude?: string;
}

export interface RunReport {
  readonly environment: string;
  readonly dryRun: boolean;
  readonly plan: PlanReport;
  /** Single targets and every group member that ran, in order. */
  readonly targets: readonly TargetResult[];
  /** One per group target: every member as done, failed, skipped or not started. */
  readonly fleets?: readonly FleetResult[];
  /** Drift found before applying (environments with drift: warn or fail). */
  readonly drift?: readonly DriftResult[];
  /**
   * Single targets the run never started, in order: an interrupt, or a failure on an earlier target,
   * stopped bb before them. Nothing was written to them; `pending` is what their plan had to apply.
   */
  readonly notStarted?: readonly NotStartedTarget[];
}

export interface NotStartedTarget {
  readonly target: TargetRef;
  /** Migrations planned for it (0: it was up to date). */
  readonly pending: number;
  /** `interrupted` by a signal (`by` names it: "SIGINT (Ctrl-C)"), or `stopped` after a failure on an earlier target. */
  readonly reason: 'interrupted' | 'stopped';
  readonly by?: string;
}

/** A single target, planned on a session that stays open until it has run. */
interface Single { readonly kind: 'single'; readonly db: LoadedDatabase; readonly session: Session; readonly previous?: PreviousEnvironment }
/** A group: members are planned and run each on its own connection, closed when done. */
interface Group {
  readonly kind: 'group';
  readonly db: LoadedDatabase;
  readonly id: string;
  readonly policy: FleetPolicy;
  readonly members: readonly Target[];
  readonly previous?: PreviousEnvironment;
  /** Members excluded by --only/--exclude (skipped) or blocked at plan time under onError: continue (failed). */
  readonly presets: Map<string, MemberOutcome>;
}

export default async function migrate(options: MigrateOptions, context: CommandContext): Promise<CommandOutput> {
  const lockTimeoutMs = seconds(options.lockTimeout ?? '60', '--lock-timeout') * 1000;
  if (options.to !== undefined) version(options.to, '--to');
  const config = await openConfig(options, context.cwd);
  const env = findEnvironment(config, options.env);
  // --only/--exclude pick group members: on an environment without a group they would select nothing
  // and change nothing, silently (checked before a before-migrate backup runs).
  if ((options.only !== undefined || options.exclude !== undefined) && !selectDatabases(config, options.db).some((db) => env.targets.get(db.name)?.kind === 'group')) {
    throw new BbError('usage', `--only and --exclude pick members of a group, and environment "${env.name}" has no group target${options.db ? ` for database "${options.db}"` : ''}.`, { hint: 'Leave them out (or pick the database with --db).', code: 'usage.no-group' });
  }
  const select = memberFilter(options.only, options.exclude);
  // Discovered once, before anything runs: a group without members (discoverTargets), and a selection
  // that picks no member, are refused here, before a before-migrate backup (it would otherwise run
  // everything but the migration and exit 0).
  const discovered = new Map((await discoverTargets(config, env, selectDatabases(config, options.db), { signal: context.signal })).map((dt) => [dt.database.name, dt]));
  if (select) {
    const groups = [...discovered.values()].filter((dt) => dt.config.kind === 'group');
    const names = groups.flatMap((dt) => dt.members.map((t) => t.ref.member ?? t.ref.id));
    if (!names.some((n) => select(n))) {
      const flags = [options.only !== undefined ? `--only '${options.only}'` : '', options.exclude !== undefined ? `--exclude '${options.exclude}'` : ''].filter(Boolean).join(' with ');
      const ids = groups.map((dt) => `${env.name}/${dt.database.name}`).join(', ');
      throw new BbError('usage', `${flags} picks no member of ${ids} (${names.length} member${names.length === 1 ? '' : 's'}: ${names.slice(0, 10).join(', ')}${names.length > 10 ? `, … ${names.length - 10} more` : ''}).`, {
        hint: `Patterns are comma-separated names, globs (tenant_*, ? one character) or /regular expressions/, matched against member names; bb status --env ${env.name} --expand lists the members.`,
        code: 'usage.no-member',
      });
    }
  }
  if (!options.dryRun && env.backup === 'before-migrate') {
    // Before any session of migrate's own opens (an embedded database's folder is locked while a
    // session holds it), and only of the targets that have work to do and nothing blocking it.
    const { backupBeforeMigrate } = await import('../../backup/backup.js');
    const { buildPlanReport } = await import('./plan.js');
    const planned = await buildPlanReport(options, context, config);
    const pending = new Set(planned.targets.filter((t) => t.steps.length > 0 && t.blockers.length === 0 && !t.error).map((t) => t.target.id));
    await backupBeforeMigrate(config, env, pending, { signal: context.signal, onTarget: (id) => context.progress(`backing up ${id} before migrating …`) });
  }
  const work: (Single | Group)[] = [];
  const planned: TargetPlanReport[] = [];
  const drift: DriftResult[] = [];
  const singles = (): Single[] => work.filter((w): w is Single => w.kind === 'single');
  const planOptions = (db: LoadedDatabase, previous: PreviousEnvironment | undefined) => ({
    dir: db.dir, analysis: db.analysis,
    ...(previous ? { previous } : {}),
    allowOutOfOrder: options.allowOutOfOrder === true,
    ...(options.to !== undefined ? { to: options.to } : {}),
    transactionalDdl: db.engine.capabilities.transactionalDdl,
  });
  /** Plans one target on an open session; with drift: warn|fail, compares its schema with the last snapshot first. */
  const planOn = async (session: Session, db: LoadedDatabase, previous: PreviousEnvironment | undefined): Promise<{ report: TargetPlanReport; drift?: DriftResult }> => {
    // A pending row is left out while a runner holds the lock (runTarget waits for it and plans again
    // under it); a lock that cannot be read is the target's error (lock.unreadable), not an interrupted run.
    let rows;
    try {
      rows = await prePlanRows(session);
    } catch (error) {
      if (!(error instanceof BbError) || error.code !== 'lock.unreadable') throw error;
      return { report: errorReport(session.target, error) };
    }
    let report = toReport(planTarget({ ...planOptions(db, previous), target: session.target, rows }));
    if (env.drift === 'off' || report.steps.length === 0 || report.blockers.length > 0) return { report };
    const d = await checkDrift(session);
    const refused = env.drift === 'fail' ? driftRefusal(d, env.name) : undefined;
    if (refused) report = { ...report, error: refused };
    return { report, ...(d.status === 'drift' || d.status === 'error' ? { drift: d } : {}) };
  };

  // Every folder is read before anything connects: a --to that names no migration is refused before an
  // embedded database is created.
  const loaded = new Map<string, LoadedDatabase>();
  for (const dbConfig of selectDatabases(config, options.db)) if (discovered.has(dbConfig.name)) loaded.set(dbConfig.name, await loadDatabase(config, dbConfig, env));
  if (options.to !== undefined) checkToVersion(options.to, [...loaded.values()].map((db) => db.dir));
  try {
    // 1. Plan every target first: a blocker anywhere means nothing is written anywhere (a group with
    //    onError: continue keeps its blocked members to itself: they are reported failed, the rest run).
    for (const dbConfig of selectDatabases(config, options.db)) {
      const dt = discovered.get(dbConfig.name);
      if (!dt) continue;
      const db = loaded.get(dbConfig.name)!;
      const previous = await readPrevious(config, env, db, { signal: context.signal });
      if (dt.config.kind === 'group') {
        const tc = dt.config;
        const policy: FleetPolicy = { concurrency: tc.concurrency, canary: tc.canary, onError: tc.onError };
        const presets = new Map<string, MemberOutcome>();
        const chosen = dt.members.filter((t) => {
          if (!select || select(t.ref.member ?? t.ref.id)) return true;
          presets.set(t.ref.id, { target: t.ref, state: 'skipped', error: { kind: 'usage', code: 'usage.excluded', message: 'not selected (--only/--exclude)' } });
          return false;
        });
        const group: Group = { kind: 'group', db, id: `${env.name}/${dbConfig.name}`, policy, members: dt.members, presets, ...(previous ? { previous } : {}) };
        work.push(group);
        const reports = await mapPool(chosen, policy.concurrency, async (target) => {
          let session: Session | undefined;
          try {
            session = await connectTarget(db.engine, target, { signal: context.signal, openTimeoutMs: lockTimeoutMs });
            return await planOn(session, db, previous);
          } catch (error) {
            if (!(error instanceof BbError)) throw error;
            return { report: errorReport(target.ref, error) };
          } finally {
            await session?.close().catch(() => undefined);
          }
        });
        for (const r of reports) {
          if (!r) continue;
          if (r.drift) drift.push(r.drift);
          const member = planMember(r.report, policy.onError);
          if (member.failed) presets.set(member.failed.target.id, member.failed);
          planned.push(member.report);
        }
        continue;
      }
      for (const target of dt.members) {
        let session: Session;
        try {
          session = await connectTarget(db.engine, target, { signal: context.signal, openTimeoutMs: lockTimeoutMs });
        } catch (error) {
          if (!(error instanceof BbError)) throw error;
          planned.push(errorReport(target.ref, error));
          continue;
        }
        work.push({ kind: 'single', db, session, ...(previous ? { previous } : {}) });
        const r = await planOn(session, db, previous);
        if (r.drift) drift.push(r.drift);
        planned.push(r.report);
      }
    }
    if (planned.length === 0 && !work.some((w) => w.kind === 'group' && w.members.length > 0)) {
      throw new BbError('config', `Environment "${env.name}" has no targets${options.db ? ` for database "${options.db}"` : ''}.`, { hint: `Add targets under environments → ${env.name} → targets in the config.` });
    }
    const plan: PlanReport = { environment: env.name, protected: env.protected, targets: planned };
    const driftOut = drift.length > 0 ? { drift } : {};
    if (planned.some(blocksEnvironment)) {
      return { kind: 'run', data: { environment: env.name, dryRun: options.dryRun === true, plan, targets: [], ...driftOut } satisfies RunReport, exitCode: planExitCode(planned) };
    }
    const pending = planned.reduce((n, t) => n + t.steps.length, 0);
    if (options.dryRun || pending === 0) {
      const fleets = options.dryRun ? [] : work.filter((w): w is Group => w.kind === 'group').map((g) => idleFleet(g, planned));
      return { kind: 'run', data: { environment: env.name, dryRun: options.dryRun === true, plan, targets: [], ...(fleets.length > 0 ? { fleets } : {}), ...driftOut } satisfies RunReport, exitCode: planExitCode(planned) };
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

    // Interrupted while planning (or at the confirmation): nothing ran, which is not "nothing to do".
    const by = interruptedBy(context.signal);
    if (by) {
      throw new BbError('interrupted', `Interrupted by ${by} before anything was applied to ${env.name}.`, {
        hint: `Nothing changed: bb migrate --env ${env.name} applies the ${pending} pending migration${pending === 1 ? '' : 's'}.`,
        code: 'interrupted.before-run',
      });
    }

    // 2. Run each target: lock, re-plan under the lock, apply. Groups run their members in a pool.
    const tty = !!process.stderr.isTTY && options.format === 'pretty';
    const quiet = options.quiet || options.format !== 'pretty';
    const write = (t: string): boolean => process.stderr.write(t);
    const onEvent = progressReporter({ tty, quiet, write });
    const fleetEvents = fleetProgress({ tty, quiet, write });
    const results: TargetResult[] = [];
    const fleets: FleetResult[] = [];
    const notStarted: NotStartedTarget[] = [];
    let stop = false;
    // Prior backup of data changes (priorBackup: true or -- bb:backup): hooks per database, built once.
    const hooksByDb = new Map<LoadedDatabase, Promise<RunHooks | undefined>>();
    const hooksFor = (db: LoadedDatabase): Promise<RunHooks | undefined> => {
      let hooks = hooksByDb.get(db);
      if (!hooks) {
        hooks = import('../../backup/prior.js').then((m) => m.priorBackupHooks(db.config, db.engine, db.analysis));
        hooksByDb.set(db, hooks);
      }
      return hooks;
    };
    const runOn = async (session: Session, db: LoadedDatabase, previous: PreviousEnvironment | undefined, events: (e: RunEvent) => void): Promise<TargetResult> => {
      const hooks = await hooksFor(db);
      return runTarget({
        session, engine: db.engine, dir: db.dir, analysis: db.analysis,
        ...(previous ? { previous } : {}),
        allowOutOfOrder: options.allowOutOfOrder === true,
        ...(options.to !== undefined ? { to: options.to } : {}),
        lockTimeoutMs, context: runContext(env.name), onEvent: events, signal: context.signal,
        ...(hooks ? { hooks } : {}),
      });
    };
    for (const w of work) {
      if (w.kind === 'single') {
        if (stop || context.signal.aborted) {
          // Listed, not dropped: the summary says what is left to run.
          const by = interruptedBy(context.signal);
          const pending = planned.find((p) => p.target.id === w.session.target.id)?.steps.length ?? 0;
          notStarted.push({ target: w.session.target, pending, ...(by ? { reason: 'interrupted', by } : { reason: 'stopped' }) });
          continue;
        }
        const result = await runOn(w.session, w.db, w.previous, onEvent);
        onEvent({ type: 'target-end', result });
        results.push(result);
        if (result.error || result.migrations.some((m) => m.status === 'failed')) stop = true;
        continue;
      }
      if (stop || context.signal.aborted) {
        fleets.push({ ...idleFleet(w, planned, 'not-started'), ...(context.signal.aborted ? { stopped: 'interrupted' as const } : {}) });
        continue;
      }
      const byId = new Map(w.members.map((t) => [t.ref.id, t]));
      // Per-migration lines would be hundreds for a fleet: only warnings and lock waits pass through.
      const memberEvents = (e: RunEvent): void => {
        if (e.type === 'warning' || e.type === 'lock-wait') onEvent(e);
      };
      const fleet = await runFleet(w.id, w.members.map((t) => ({ target: t.ref, ...(w.presets.has(t.ref.id) ? { preset: w.presets.get(t.ref.id)! } : {}) })), w.policy, async (ref, canary) => {
        let session: Session | undefined;
        try {
          session = await connectTarget(w.db.engine, byId.get(ref.id)!, { signal: context.signal, openTimeoutMs: lockTimeoutMs });
          const result = await runOn(session, w.db, w.previous, memberEvents);
          results.push(result);
          return memberOutcome(result, canary);
        } finally {
          await session?.close().catch(() => undefined);
        }
      }, { signal: context.signal, onEvent: fleetEvents });
      fleets.push(fleet);
      if (fleet.members.some((m) => m.state === 'failed')) stop = true;
    }
    const failedMembers = fleets.some((f) => f.members.some((m) => m.state === 'failed'));
    const code = runExitCode(results);
    return { kind: 'run', data: { environment: env.name, dryRun: false, plan, targets: results, ...(fleets.length > 0 ? { fleets } : {}), ...driftOut, ...(notStarted.length > 0 ? { notStarted } : {}) } satisfies RunReport, exitCode: code === 0 && failedMembers ? 1 : code };
  } finally {
    await Promise.all(singles().map((p) => p.session.close().catch(() => undefined)));
  }
}

/** A group that did not run (nothing pending, or stopped before it): members done when up to date. */
function idleFleet(g: Group, planned: readonly TargetPlanReport[], state: 'done' | 'not-started' = 'done'): FleetResult {
  const reports = new Map(planned.map((p) => [p.target.id, p]));
  const members = g.members.map((t): MemberOutcome => {
    const preset = g.presets.get(t.ref.id);
    if (preset) return preset;
    const p = reports.get(t.ref.id);
    return { target: t.ref, state: state === 'done' && p && p.steps.length === 0 && !p.error ? 'done' : 'not-started' };
  });
  return { group: g.id, policy: g.policy, members, durationMs: 0 };
}

export function runExitCode(results: readonly TargetResult[]): 0 | 1 | 2 | 3 {
  return targetsExitCode(results.map((r) => r.error?.kind), results.some((r) => r.migrations.some((m) => m.status !== 'done')));
}

