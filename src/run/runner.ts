/**
 * The runner: lock → history → plan (again, under the lock) → steps → snapshot. It never throws past
 * this boundary: every migration comes back done, failed or not-run, with the error attached where it
 * happened, and events report progress as it goes.
 */
import type { Engine, HistoryRow, RunContext, Session, TargetRef } from '../engine.js';
import { errorPlace } from '../sql/lines.js';
import { BbError, causeMessage, interruptedBy } from '../errors.js';
import { statementHash } from '../migrations/checksum.js';
import type { MigrationDir } from '../migrations/model.js';
import type { Analysis, FileAnalysis } from '../plan/analysis.js';
import { describeBlocker, INTERRUPTED_ROW, planTarget, type PlanStep, type PreviousEnvironment, type TargetPlan } from '../plan/plan.js';
import type { RunEvent } from './events.js';
import { acquireLock } from './lock.js';

export interface ErrorInfo {
  readonly kind: string;
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
}

export interface MigrationResult {
  readonly version: string;
  readonly path: string;
  readonly status: 'done' | 'failed' | 'not-run';
  /** Statements applied (in total, including those of an earlier run that this one resumed). */
  readonly applied: number;
  readonly total: number;
  readonly durationMs: number;
  readonly transactional: boolean;
  /** 0-based index of the statement that failed. */
  readonly failedStatement?: number;
  readonly error?: ErrorInfo;
}

export interface TargetResult {
  readonly target: TargetRef;
  readonly plan?: TargetPlan;
  readonly migrations: readonly MigrationResult[];
  /** Set when the target could not be run at all (connect, lock, blockers). */
  readonly error?: ErrorInfo;
  readonly waitedForLock: boolean;
  /** What stopped the run early ("SIGINT (Ctrl-C)", "SIGTERM"), when the run's signal was aborted. */
  readonly interrupted?: string;
}

export interface RunTargetInput {
  readonly session: Session;
  readonly engine: Engine;
  readonly dir: MigrationDir;
  readonly analysis: Analysis;
  readonly previous?: PreviousEnvironment;
  readonly allowOutOfOrder: boolean;
  readonly to?: string;
  readonly lockTimeoutMs: number;
  readonly context: RunContext;
  readonly onEvent: (event: RunEvent) => void;
  readonly signal?: AbortSignal;
  /** Take a schema snapshot after the run (for drift); default true. */
  readonly snapshot?: boolean;
  /** Extension points for data tasks (prior backup of UPDATE/DELETE: src/backup/prior.ts). */
  readonly hooks?: RunHooks;
}

/**
 * Optional callbacks into the run. A rejection is handled like a failure at that point: in
 * beforeSteps the target fails before anything runs; in beforeStatement the statement fails (and a
 * transactional migration rolls back, the hook's own writes with it).
 */
export interface RunHooks {
  /** After planning under the lock, before the first migration runs. */
  beforeSteps?(session: Session, plan: TargetPlan): Promise<void>;
  /** Before each statement, on the session that runs it (the transaction, when the migration has one). */
  beforeStatement?(session: Session, step: PlanStep, index: number): Promise<void>;
}

export function errorInfo(error: unknown): ErrorInfo {
  if (error instanceof BbError) return { kind: error.kind, code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  return { kind: 'internal', code: 'internal', message: causeMessage(error) };
}

export async function runTarget(input: RunTargetInput): Promise<TargetResult> {
  const result = await runTargetInner(input);
  const by = interruptedBy(input.signal);
  return by ? { ...result, interrupted: by } : result;
}

async function runTargetInner(input: RunTargetInput): Promise<TargetResult> {
  const { session, engine } = input;
  const target = session.target;
  let waited = false;
  const onEvent = (e: RunEvent): void => {
    if (e.type === 'lock-wait') waited = true;
    input.onEvent(e);
  };
  let lock;
  try {
    lock = await acquireLock(session, { timeoutMs: input.lockTimeoutMs, target, onEvent, ...(input.signal ? { signal: input.signal } : {}) });
  } catch (error) {
    return { target, migrations: [], error: errorInfo(error), waitedForLock: waited };
  }
  try {
    await session.history.ensure();
    const rows = await session.history.read();
    const plan = planTarget({
      dir: input.dir,
      analysis: input.analysis,
      target,
      rows,
      ...(input.previous ? { previous: input.previous } : {}),
      allowOutOfOrder: input.allowOutOfOrder,
      ...(input.to !== undefined ? { to: input.to } : {}),
      transactionalDdl: engine.capabilities.transactionalDdl,
    });
    if (plan.blockers.length > 0) {
      const first = describeBlocker(plan.blockers[0]!, target);
      const more = plan.blockers.length > 1 ? ` (and ${plan.blockers.length - 1} more)` : '';
      return { target, plan, migrations: [], error: { kind: 'history', code: `blocked.${plan.blockers[0]!.kind}`, message: first.message + more, hint: first.hint }, waitedForLock: waited };
    }
    if (input.hooks?.beforeSteps && plan.steps.length > 0) {
      try {
        await input.hooks.beforeSteps(session, plan);
      } catch (error) {
        return { target, plan, migrations: [], error: errorInfo(error), waitedForLock: waited };
      }
    }
    const migrations: MigrationResult[] = [];
    let failed = false;
    for (let i = 0; i < plan.steps.length; ) {
      const step = plan.steps[i]!;
      if (failed || input.signal?.aborted) {
        migrations.push({ version: step.file.key, path: step.file.path, status: 'not-run', applied: step.fromStatement, total: step.total, durationMs: 0, transactional: step.transactional });
        i++;
        continue;
      }
      const batch = batchFrom(plan.steps, i, session, input);
      if (batch.length > 0) {
        const results = await applyBatch(session, batch, input, onEvent);
        migrations.push(...results);
        i += results.length;
        if (results.some((r) => r.status !== 'done')) failed = true;
        // The migration the batch stopped at (if any) runs on its own below, which finds and records the failing statement.
        if (failed || results.length === batch.length) continue;
      }
      const next = plan.steps[i]!;
      onEvent({ type: 'migration-start', target, step: next });
      // A migration after another one starts in the default schema the session opened with, not in
      // the one the previous file may have switched to (a batch does the same between its migrations).
      if (i > 0) await session.restoreDefaultSchema?.();
      const result = await applyStep(session, next, input.analysis.get(next.file.key)!, rows, input, onEvent);
      migrations.push(result);
      onEvent({ type: 'migration-end', target, result });
      if (result.status !== 'done') failed = true;
      i++;
    }
    // The snapshot follows every change this run made to the schema: the migrations done, and the
    // statements a migration without a transaction applied before it failed. Without the latter, the
    // statements that stayed applied would read as drift, and with drift: fail (the default of
    // protected environments) bb repair --retry could never resume the migration.
    const from = new Map(plan.steps.map((s) => [s.file.key, s.fromStatement]));
    const lastChange = [...migrations].reverse().find((m) => m.status === 'done' || (m.status === 'failed' && !m.transactional && m.applied > (from.get(m.version) ?? 0)));
    if (lastChange && input.snapshot !== false) {
      try {
        await session.history.saveSnapshot(lastChange.version, await session.introspect());
      } catch (error) {
        onEvent({ type: 'warning', target, message: `could not store the schema snapshot: ${causeMessage(error)}` });
      }
    }
    return { target, plan, migrations, waitedForLock: waited };
  } catch (error) {
    return { target, migrations: [], error: errorInfo(error), waitedForLock: waited };
  } finally {
    await lock.release().catch(() => undefined);
  }
}

/**
 * Transactional migrations sent to the server together (Session.applyTransactional), each still in its
 * own transaction with its history row. A batch holds at most this many, so a terminal's progress line
 * still moves through a long run and an interrupt loses little.
 */
const BATCH_MAX_MIGRATIONS = 25;
const BATCH_MAX_BYTES = 1 << 20;

/**
 * The run of steps from `start` that can go to the server as one batch: fresh transactional migrations
 * (not a resume), while no beforeStatement hook (prior backup) needs to stop between statements.
 */
function batchFrom(steps: readonly PlanStep[], start: number, session: Session, input: RunTargetInput): PlanStep[] {
  if (!session.applyTransactional || input.hooks?.beforeStatement) return [];
  const batch: PlanStep[] = [];
  let bytes = 0;
  for (let i = start; i < steps.length && batch.length < BATCH_MAX_MIGRATIONS; i++) {
    const step = steps[i]!;
    if (!step.transactional || step.fromStatement !== 0) break;
    bytes += input.analysis.get(step.file.key)!.statements.reduce((n, s) => n + s.text.length, 0);
    if (batch.length > 0 && bytes > BATCH_MAX_BYTES) break;
    batch.push(step);
  }
  return batch;
}

/**
 * Applies a batch and reports the migrations it committed (in order), with their progress events. A
 * shorter result than the batch means the next one failed and was rolled back (or the run was
 * interrupted): the caller applies that one alone, which finds the failing statement. A failed result
 * means the outcome is unknown and the run must stop.
 */
async function applyBatch(session: Session, batch: readonly PlanStep[], input: RunTargetInput, onEvent: (e: RunEvent) => void): Promise<MigrationResult[]> {
  const target = session.target;
  const statementsOf = (step: PlanStep) => input.analysis.get(step.file.key)!.statements;
  onEvent({ type: 'migration-start', target, step: batch[0]! });
  const texts = batch.map((step) => statementsOf(step).map((s) => s.text));
  const started = performance.now();
  let outcome;
  try {
    await session.prepare?.(texts.flat());
    outcome = await session.applyTransactional!(
      batch.map((step, i) => ({
        row: { file: step.file, kind: step.file.kind, total: step.total, applied: step.total, statementHashes: texts[i]!.map(statementHash), context: input.context },
        statements: texts[i]!,
      })),
      input.signal ? { signal: input.signal } : {},
    );
  } catch (error) {
    // The batch's outcome is unknown (the connection may be gone): stop rather than risk applying a migration twice.
    const info = errorInfo(error);
    const step = batch[0]!;
    const result: MigrationResult = {
      version: step.file.key, path: step.file.path, status: 'failed', applied: 0, total: step.total, durationMs: 0, transactional: true,
      error: { ...info, hint: `Up to ${batch.length} migrations from this one on may have been committed: bb status --env ${target.environment} shows which, then bb migrate again.` },
    };
    onEvent({ type: 'migration-end', target, result });
    return [result];
  }
  const results = batch.slice(0, outcome.committed).map((step, i) => {
    if (i > 0) onEvent({ type: 'migration-start', target, step });
    for (let n = 0; n < step.total; n++) onEvent({ type: 'statement', target, version: step.file.key, index: n, total: step.total });
    const result: MigrationResult = { version: step.file.key, path: step.file.path, status: 'done', applied: step.total, total: step.total, durationMs: outcome.durationsMs[i] ?? 0, transactional: true };
    onEvent({ type: 'migration-end', target, result });
    return result;
  });
  const by = interruptedBy(input.signal);
  const stopped = batch[outcome.committed];
  if (outcome.error !== undefined && by && stopped) {
    // Interrupted inside the batch: the server was told to cancel, and the migration it was in rolled
    // back. The batch went as one round trip, so which of its statements was running is not known.
    if (results.length > 0) onEvent({ type: 'migration-start', target, step: stopped });
    const result: MigrationResult = {
      version: stopped.file.key, path: stopped.file.path, status: 'failed', applied: 0, total: stopped.total, transactional: true,
      durationMs: Math.max(0, performance.now() - started - outcome.durationsMs.reduce((n, d) => n + d, 0)),
      error: interruptedTransactional(stopped.file.path, target, by, 'while it ran'),
    };
    onEvent({ type: 'migration-end', target, result });
    results.push(result);
  }
  return results;
}

/** A transactional migration stopped by an interrupt: rolled back, nothing recorded, the next migrate applies it. */
function interruptedTransactional(path: string, target: TargetRef, by: string, where: string): ErrorInfo {
  return {
    kind: 'interrupted',
    code: 'apply.interrupted',
    message: `${path}: interrupted by ${by} on ${target.id} ${where}; it was rolled back, none of it is applied.`,
    hint: `Run bb migrate --env ${target.environment} again to apply it.`,
  };
}

async function applyStep(
  session: Session,
  step: PlanStep,
  info: FileAnalysis,
  rows: readonly HistoryRow[],
  input: RunTargetInput,
  onEvent: (e: RunEvent) => void,
): Promise<MigrationResult> {
  const target = session.target;
  const { file } = step;
  const statements = info.statements;
  const total = statements.length;
  const started = performance.now();
  const kind = file.kind;
  const previous = rows.find((r) => r.version === file.key);
  const priorHashes = step.action === 'resume' && previous ? previous.statementHashes.slice(0, step.fromStatement) : [];
  const base = { version: file.key, path: file.path, total, transactional: step.transactional };
  let current = step.fromStatement;
  const elapsed = (): number => performance.now() - started;
  await session.prepare?.(statements.slice(step.fromStatement).map((s) => s.text));
  // Whether statement `current` had been sent when the run stopped (else it stopped before it).
  let sent = false;
  const checkAbort = (): void => {
    if (input.signal?.aborted) throw input.signal.reason instanceof BbError ? input.signal.reason : new BbError('interrupted', 'Interrupted.');
  };
  const stoppedAt = (): string => {
    const stmt = statements[current];
    if (!stmt) return 'after its last statement';
    const which = `statement ${current + 1} of ${total} (line ${stmt.span.line})`;
    return sent ? `during ${which}, which bb asked the server to cancel` : `before ${which}`;
  };
  const failure = (error: unknown): ErrorInfo => {
    const stmt = statements[current];
    const where = stmt ? `statement ${current + 1} of ${total} (line ${stmt.span.line})` : 'the history table';
    // Where the server says the error is, as file:line:column (an editor or terminal opens it there).
    const place = stmt ? errorPlace(input.engine, error, stmt, file.path) : '';
    return {
      kind: 'apply',
      code: 'apply.failed',
      message: `${file.path}: ${where} failed on ${target.id}: ${causeMessage(error)}${place}`,
      hint: step.transactional
        ? `The migration was rolled back. Fix the file, then bb repair --env ${target.environment} and bb migrate again.`
        : `${current === 0 ? 'No statement of it was applied' : current === 1 ? 'Statement 1 stayed applied' : `Statements 1–${current} stayed applied`} (the engine commits DDL as it goes). Fix the cause, then bb repair --env ${target.environment} --version ${file.key} --retry to resume at statement ${current + 1}, or --mark-done if you finished it by hand.`,
    };
  };

  if (step.transactional) {
    try {
      await session.transaction(async (tx) => {
        await tx.history.start({ file, kind, total, applied: total, statementHashes: statements.map((s) => statementHash(s.text)), context: input.context });
        for (let i = step.fromStatement; i < total; i++) {
          current = i;
          checkAbort();
          await input.hooks?.beforeStatement?.(tx, step, i);
          sent = true;
          await tx.execute(statements[i]!.text, input.signal ? { signal: input.signal } : {});
          sent = false;
          onEvent({ type: 'statement', target, version: file.key, index: i, total });
        }
        await tx.history.finish(file.key, { status: 'done', durationMs: elapsed() });
      });
      return { ...base, status: 'done', applied: total, durationMs: elapsed() };
    } catch (error) {
      const info = failure(error);
      const by = interruptedBy(input.signal);
      if (by) {
        // Rolled back and nothing recorded: the next run simply applies it again.
        return { ...base, status: 'failed', applied: 0, durationMs: elapsed(), failedStatement: current, error: interruptedTransactional(file.path, target, by, stoppedAt()) };
      }
      try {
        await session.history.start({ file, kind, total, applied: 0, statementHashes: [], context: input.context });
        await session.history.finish(file.key, { status: 'failed', error: causeMessage(error), failedStatement: current, durationMs: elapsed() });
      } catch (recordError) {
        return { ...base, status: 'failed', applied: 0, durationMs: elapsed(), failedStatement: current, error: { ...info, message: `${info.message} (and recording the failure failed: ${causeMessage(recordError)})` } };
      }
      return { ...base, status: 'failed', applied: 0, durationMs: elapsed(), failedStatement: current, error: info };
    }
  }

  try {
    await session.history.start({ file, kind, total, applied: step.fromStatement, statementHashes: priorHashes, context: input.context });
  } catch (error) {
    return { ...base, status: 'failed', applied: step.fromStatement, durationMs: elapsed(), error: { kind: 'history', code: 'history.write', message: `Cannot write the history of ${target.id}: ${causeMessage(error)}` } };
  }
  try {
    // A resumed migration runs on a new connection: its applied SET/USE statements are replayed first,
    // so the statements after them run in the session they were written for.
    const replay = step.fromStatement > 0 && input.engine.capabilities.sessionState ? statements.slice(0, step.fromStatement).filter((s) => input.engine.capabilities.sessionState!(s)) : [];
    for (const stmt of replay) {
      checkAbort();
      await session.execute(stmt.text, input.signal ? { signal: input.signal } : {}).catch((error: unknown) => {
        throw new Error(`replaying statement ${stmt.index + 1} (line ${stmt.span.line}) before resuming: ${causeMessage(error)}`);
      });
    }
    for (let i = step.fromStatement; i < total; i++) {
      current = i;
      checkAbort();
      await input.hooks?.beforeStatement?.(session, step, i);
      sent = true;
      await session.execute(statements[i]!.text, input.signal ? { signal: input.signal } : {});
      sent = false;
      await session.history.progress(file.key, i + 1, statementHash(statements[i]!.text));
      onEvent({ type: 'statement', target, version: file.key, index: i, total });
    }
    current = total;
    await session.history.finish(file.key, { status: 'done', durationMs: elapsed() });
    return { ...base, status: 'done', applied: total, durationMs: elapsed() };
  } catch (error) {
    const by = interruptedBy(input.signal);
    if (by) {
      // The row says precisely where the run stopped, as after a failure: `applied` statements stayed,
      // statement `current` either never started or was stopped by the server (which undoes a single
      // DDL or DML statement it stops).
      const where = stoppedAt();
      const recorded = await session.history.finish(file.key, { status: 'failed', error: `${INTERRUPTED_ROW}${by} ${where}`, failedStatement: current, durationMs: elapsed() }).then(() => true, () => false);
      const kept = current === 0 ? 'none of it is applied' : current === 1 ? 'statement 1 stayed applied' : `statements 1–${current} stayed applied`;
      const env = target.environment;
      return {
        ...base, status: 'failed', applied: current, durationMs: elapsed(), failedStatement: current,
        error: {
          kind: 'interrupted',
          code: 'apply.interrupted',
          message: `${file.path}: interrupted by ${by} on ${target.id} ${where}; ${kept} (no transaction: ${step.noTransactionReason ?? 'statement by statement'})${recorded ? `, and the history records it as failed at statement ${current + 1}` : ', and recording that in the history failed: it shows the migration as still running'}.`,
          hint: `bb repair --env ${env} --version ${file.key} --retry, then bb migrate --env ${env}, resumes at statement ${current + 1}; or bb repair --env ${env} --version ${file.key} --mark-done if you finish it by hand${current > 0 ? ', --forget if you undo what it applied' : ''}.`,
        },
      };
    }
    const info = failure(error);
    await session.history.finish(file.key, { status: 'failed', error: causeMessage(error), failedStatement: current, durationMs: elapsed() }).catch(() => undefined);
    return { ...base, status: 'failed', applied: current, durationMs: elapsed(), failedStatement: current, error: info };
  }
}
