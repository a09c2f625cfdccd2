import type { CommandContext, CommandOutput, GlobalOptions } from '../context.js';
import { connectTarget, loadDatabase, discoverTargets, pendingRunners } from '../../run/project.js';
import { rowState } from '../../plan/cells.js';
import { changedApplied } from '../../plan/plan.js';
import { openConfig } from '../../config/load.js';
import { BbError, targetsExitCode } from '../../errors.js';
import { withoutGroup } from '../../config/targets.js';

export interface DoctorCheck {
  readonly check: string;
  readonly ok: boolean;
  readonly detail: string;
  readonly hint?: string;
  /** The error kind of a check that failed with an error (config, migration-dir, connect, …): it sets the exit code. */
  readonly kind?: string;
}
export interface DoctorReport { readonly config: string; readonly checks: readonly DoctorCheck[] }

/** Checks the config, reads every migrations folder and connects to every target (or --env's). */
export default async function doctor(options: GlobalOptions, context: CommandContext): Promise<CommandOutput> {
  const config = await openConfig(options, context.cwd);
  const checks: DoctorCheck[] = [{ check: 'config', ok: true, detail: `${config.file}: ${config.databases.size} database(s), environments ${config.environments.map((e) => e.name).join(' → ')}` }];
  const loaded = new Map<string, Awaited<ReturnType<typeof loadDatabase>>>();
  for (const db of config.databases.values()) {
    try {
      const l = await loadDatabase(config, db);
      loaded.set(db.name, l);
      checks.push({ check: `migrations ${db.name}`, ok: true, detail: `${l.dir.root}: ${l.dir.files.length} file(s), engine ${db.engine}` });
    } catch (error) {
      if (!(error instanceof BbError)) throw error;
      checks.push(failedCheck(`migrations ${db.name}`, error));
    }
  }
  const envs = options.env ? config.environments.filter((e) => e.name === options.env) : config.environments;
  for (const env of envs) {
    for (const db of config.databases.values()) {
      // One database at a time: a group that cannot be discovered (or has no member) is its own failed
      // check, and the environment's other targets are still checked.
      let dt;
      try {
        [dt] = await discoverTargets(config, env, [db]);
      } catch (error) {
        if (!(error instanceof BbError)) throw error;
        checks.push(failedCheck(`targets ${env.name}/${db.name}`, error, withoutGroup(error.message, `${env.name}/${db.name}`)));
        continue;
      }
      const l = loaded.get(db.name);
      if (!dt || !l) continue;
      for (const target of dt.members) {
        const started = performance.now();
        let session;
        try {
          session = await connectTarget(l.engine, target, { signal: context.signal, openTimeoutMs: 5_000, existing: true });
          const ms = Math.round(performance.now() - started);
          const read = await session.history.read();
          // bb status's states: a run at work and a version handed to bb repair --retry are not problems.
          const { rows, runners, lockError } = read.some((r) => r.status === 'pending') ? await pendingRunners(session, read) : { rows: read, runners: undefined, lockError: undefined };
          // A version marked for retry that migrate cannot resume (a statement that already ran has
          // changed in the file since, or the file is gone) is failed, as bb status shows it. The file's
          // statements with this environment's placeholders filled: what the history hashed.
          const retried = rows.filter((r) => rowState(r, runners) === 'retry');
          const analysis = retried.length > 0 ? (await loadDatabase(config, db, env)).analysis : undefined;
          const stuck = new Set(retried.filter((r) => {
            const info = analysis!.get(r.version);
            return !info || changedApplied(r, info) !== -1;
          }));
          const states = rows.map((r) => (stuck.has(r) ? 'failed' : rowState(r, runners)));
          const running = rows.filter((_, i) => states[i] === 'running');
          const count = (...of: string[]): number => states.filter((s) => of.includes(s)).length;
          const open = count('failed', 'interrupted');
          const versions = running.map((r) => r.version).join(', ');
          const notes = [
            open > stuck.size ? `${open - stuck.size} failed or interrupted` : '',
            stuck.size ? `${[...stuck].map((r) => r.version).join(', ')} marked for retry but not resumable (a statement that already ran has changed in the file, or the file is gone)` : '',
            // The lock could not be read: running or interrupted is unknown, and that is a problem to fix.
            running.length ? (lockError ? `${versions} running or interrupted: ${lockError.message.replace(/\.$/, '')}` : `${versions} running now${runners?.get(running[0]!.version) ? ` (the migration lock is held by ${runners.get(running[0]!.version)})` : ''}`) : '',
            count('retry') ? `${count('retry')} to resume (bb repair --retry)` : '',
          ].filter(Boolean);
          const hint = open ? `bb status --env ${env.name} shows them; bb repair resolves them.` : lockError?.hint;
          checks.push({
            check: target.ref.id,
            ok: open === 0 && !lockError,
            detail: `${target.ref.url}: ${session.serverVersion}, connected in ${ms} ms; ${rows.length} history row(s)${notes.map((n) => `, ${n}`).join('')}`,
            ...(hint ? { hint } : {}),
          });
        } catch (error) {
          if (!(error instanceof BbError)) throw error;
          if (error.code === 'connect.not-created') {
            checks.push({ check: target.ref.id, ok: true, detail: `${target.ref.url}: embedded, not created yet (bb migrate --env ${env.name} creates it)` });
            continue;
          }
          checks.push(failedCheck(target.ref.id, error));
        } finally {
          await session?.close().catch(() => undefined);
        }
      }
    }
  }
  const failed = checks.filter((c) => !c.ok);
  return { kind: 'doctor', data: { config: config.file, checks } satisfies DoctorReport, exitCode: targetsExitCode(failed.map((c) => c.kind), failed.length > 0) };
}

function failedCheck(check: string, error: BbError, detail = error.message): DoctorCheck {
  return { check, ok: false, detail, ...(error.hint ? { hint: error.hint } : {}), kind: error.kind };
}
