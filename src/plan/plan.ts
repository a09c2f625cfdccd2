/**
 * The planner: a pure function from the folder, the target's history and the previous environment's
 * histories to the steps `migrate` would run and the blockers that stop it. `bb plan` prints it,
 * `bb migrate` runs it (recomputed under the lock), a 5,000-file plan is a unit test.
 */
import type { HistoryRow, RawStatement, TargetRef } from '../engine.js';
import { statementHash } from '../migrations/checksum.js';
import type { MigrationDir, MigrationFile } from '../migrations/model.js';
import { compareVersions, parseVersion } from '../migrations/version.js';
import type { Analysis } from './analysis.js';

export interface PlanStep {
  readonly file: MigrationFile;
  /** apply: new; reapply: a repeatable whose checksum changed; resume: after `bb repair --retry`. */
  readonly action: 'apply' | 'reapply' | 'resume';
  /** 0-based statement to start at (resume), else 0. */
  readonly fromStatement: number;
  readonly total: number;
  readonly transactional: boolean;
  /** Why the migration runs without a transaction, when it does. */
  readonly noTransactionReason?: string;
}

export type Blocker =
  | { readonly kind: 'checksum-mismatch'; readonly version: string; readonly path: string; readonly recorded: string; readonly actual: string }
  | { readonly kind: 'failed'; readonly version: string; readonly path: string; readonly row: HistoryRow }
  | { readonly kind: 'stale-pending'; readonly version: string; readonly path: string; readonly row: HistoryRow }
  | { readonly kind: 'out-of-order'; readonly version: string; readonly path: string; readonly highestApplied: string }
  | { readonly kind: 'missing-file'; readonly version: string; readonly path: string }
  | { readonly kind: 'resume-mismatch'; readonly version: string; readonly path: string; readonly statement: number }
  | { readonly kind: 'unsupported'; readonly version: string; readonly path: string; readonly line: number; readonly reason: string }
  | { readonly kind: 'gate'; readonly version: string; readonly path: string; readonly previousEnvironment: string; readonly notDoneOn: readonly string[] };

export interface TargetPlan {
  readonly target: TargetRef;
  readonly steps: readonly PlanStep[];
  readonly blockers: readonly Blocker[];
  /** Versions done on this target (for "up to date at 0042"). */
  readonly applied: number;
  /** The highest done version, if any. */
  readonly current?: string;
  /** Plan-time warnings for pending statements on this target (e.g. ClickHouse: ON CLUSTER missing). */
  readonly warnings: readonly { readonly version: string; readonly path: string; readonly line: number; readonly message: string }[];
}

export interface PreviousEnvironment {
  readonly name: string;
  readonly histories: readonly { readonly target: TargetRef; readonly rows: readonly HistoryRow[] }[];
}

export interface PlanInput {
  readonly dir: MigrationDir;
  readonly analysis: Analysis;
  readonly target: TargetRef;
  readonly rows: readonly HistoryRow[];
  /** The nearest earlier environment with targets for this database; undefined for the first. */
  readonly previous?: PreviousEnvironment;
  readonly allowOutOfOrder: boolean;
  /** Stop at this version (inclusive); repeatable migrations are left out when set. */
  readonly to?: string;
  /** The engine can run DDL in a transaction. */
  readonly transactionalDdl: boolean;
  /** The engine's plan-time warnings for a statement on this target (capabilities.warnings). */
  readonly warn?: (stmt: RawStatement) => readonly string[];
}

export function planTarget(input: PlanInput): TargetPlan {
  const { dir, analysis, rows } = input;
  const byKey = new Map(rows.map((r) => [r.version, r]));
  const files = new Map(dir.files.map((f) => [f.key, f]));
  const blockers: Blocker[] = [];
  const steps: PlanStep[] = [];
  const baseline = rows.filter((r) => r.kind === 'baseline' && r.status === 'done').map((r) => parseVersion(r.version)).sort(compareVersions).pop();

  // Highest version done (baseline included): a pending file below it is out of order.
  let highest: string | undefined;
  let applied = 0;
  for (const row of rows) {
    if (row.status !== 'done' || row.kind === 'repeatable') continue;
    applied++;
    if (highest === undefined || compareVersions(parseVersion(row.version), parseVersion(highest)) > 0) highest = row.version;
  }

  for (const row of rows) {
    const file = files.get(row.version);
    const path = file?.path ?? row.path;
    if (row.status === 'pending') {
      blockers.push({ kind: 'stale-pending', version: row.version, path, row });
      continue;
    }
    if (row.status === 'failed') {
      if (row.retry && file) continue; // becomes a resume step below
      blockers.push({ kind: 'failed', version: row.version, path, row });
      continue;
    }
    if (row.kind === 'baseline') continue;
    if (!file) {
      if (row.kind === 'versioned') blockers.push({ kind: 'missing-file', version: row.version, path: row.path });
      continue;
    }
    if (row.kind === 'versioned' && row.checksum !== file.checksum) {
      blockers.push({ kind: 'checksum-mismatch', version: row.version, path: file.path, recorded: row.checksum, actual: file.checksum });
    }
  }

  const toVersion = input.to !== undefined ? parseVersion(input.to) : undefined;
  for (const file of dir.files) {
    const row = byKey.get(file.key);
    const info = analysis.get(file.key)!;
    if (file.kind === 'versioned') {
      if (toVersion && compareVersions(file.version!, toVersion) > 0) continue;
      if (baseline && compareVersions(file.version!, baseline) <= 0) continue;
      if (row && !(row.status === 'failed' && row.retry)) continue;
      if (!row && highest !== undefined && !input.allowOutOfOrder && compareVersions(file.version!, parseVersion(highest)) < 0) {
        blockers.push({ kind: 'out-of-order', version: file.key, path: file.path, highestApplied: highest });
        continue;
      }
    } else {
      if (toVersion) continue;
      if (row && row.status === 'done' && row.checksum === file.checksum) continue;
      if (row && row.status !== 'done' && !(row.status === 'failed' && row.retry)) continue;
    }
    for (const u of info.unsupported) blockers.push({ kind: 'unsupported', version: file.key, path: file.path, line: u.line, reason: u.reason });

    const resume = row?.status === 'failed' && row.retry;
    const fromStatement = resume ? row.applied : 0;
    if (resume) {
      const changed = changedApplied(row, info);
      if (changed !== -1) {
        blockers.push({ kind: 'resume-mismatch', version: file.key, path: file.path, statement: changed });
        continue;
      }
    }
    const reason = file.directives.transaction === 'off' ? file.directives.transactionOffBy ?? '-- bb:transaction off' : !input.transactionalDdl ? 'the engine commits DDL implicitly' : info.nonTransactional[0] ? `${info.nonTransactional[0].reason} (line ${info.nonTransactional[0].line})` : undefined;
    steps.push({
      file,
      action: resume ? 'resume' : row ? 'reapply' : 'apply',
      fromStatement,
      total: info.statements.length,
      transactional: reason === undefined,
      ...(reason !== undefined ? { noTransactionReason: reason } : {}),
    });
  }

  if (input.previous) {
    for (const step of steps) {
      const notDoneOn = input.previous.histories
        .filter(({ rows: prev }) => !prev.some((r) => r.version === step.file.key && r.status === 'done' && (step.file.kind === 'versioned' || r.checksum === step.file.checksum)) && !coveredByBaseline(prev, step.file))
        .map((h) => h.target.id);
      if (notDoneOn.length > 0) {
        blockers.push({ kind: 'gate', version: step.file.key, path: step.file.path, previousEnvironment: input.previous.name, notDoneOn });
      }
    }
  }

  const warnings: { version: string; path: string; line: number; message: string }[] = [];
  if (input.warn) {
    for (const step of steps) {
      for (const stmt of analysis.get(step.file.key)!.statements.slice(step.fromStatement)) {
        for (const message of input.warn(stmt)) warnings.push({ version: step.file.key, path: step.file.path, line: stmt.span.line, message });
      }
    }
  }
  return { target: input.target, steps, blockers, applied, warnings, ...(highest !== undefined ? { current: highest } : {}) };
}

function coveredByBaseline(rows: readonly HistoryRow[], file: MigrationFile): boolean {
  if (!file.version) return false;
  return rows.some((r) => r.kind === 'baseline' && r.status === 'done' && compareVersions(file.version!, parseVersion(r.version)) <= 0);
}

/**
 * What bb rollback records when a down file stops partway outside a transaction: the version's row
 * becomes failed, its error starting with this (the counts still describe the up file). Neither
 * migrate nor rollback goes past it; bb repair --forget or --mark-done resolves it, --retry cannot
 * (it would resume the up file).
 */
export const ROLLBACK_STOPPED = 'bb rollback stopped: ';

export function rollbackStopped(row: HistoryRow): boolean {
  return row.status === 'failed' && (row.error ?? '').startsWith(ROLLBACK_STOPPED);
}

export function rollbackStoppedHint(environment: string, version: string): string {
  return `Finish the rollback by hand, then bb repair --env ${environment} --version ${version} --forget (the version counts as not applied); or undo what the down file did and run bb repair --env ${environment} --version ${version} --mark-done.`;
}

/**
 * How the error of a history row starts when a run was interrupted (SIGINT, SIGTERM) outside a
 * transaction: "interrupted by SIGINT (Ctrl-C) during statement 2 of 3 (line 4), …". Nothing needs
 * fixing then, and the blocker says so.
 */
export const INTERRUPTED_ROW = 'interrupted by ';

/**
 * A resumed migration must find the statements it already ran unchanged: the index of the first
 * applied statement whose text has changed since (or is gone), -1 when none has.
 */
export function changedApplied(row: HistoryRow, info: { readonly statements: readonly { readonly text: string }[] }): number {
  return row.statementHashes.findIndex((h, i) => info.statements[i] === undefined || statementHash(info.statements[i]!.text) !== h);
}

/**
 * The way out when a statement that already ran has changed in the file (a resume is refused): put the
 * file back, then `next` (migrate resumes; or bb repair --retry, when it refused to mark the version),
 * or record a fix by hand.
 */
export function resumeMismatchHint(environment: string, version: string, next: 'migrate' | 'retry'): string {
  const then = next === 'migrate' ? `bb migrate --env ${environment} resumes it` : `bb repair --env ${environment} --version ${version} --retry`;
  return `Restore the statements that already ran (change only the failed statement and those after it), then ${then}; or fix it by hand and run bb repair --env ${environment} --version ${version} --mark-done (finished) or --forget (undone).`;
}

/** A one-line description of a blocker and the command that resolves it. */
export function describeBlocker(b: Blocker, target: TargetRef): { message: string; hint: string } {
  switch (b.kind) {
    case 'checksum-mismatch':
      return {
        message: `${b.path} changed after it was applied to ${target.id} (recorded ${b.recorded.slice(0, 19)}…, now ${b.actual.slice(0, 19)}…)`,
        hint: `Restore the file and put the change in a new migration (or, if the edit is cosmetic, bb repair --env ${target.environment} --accept-checksums).`,
      };
    case 'failed':
      if (rollbackStopped(b.row)) {
        return { message: `the rollback of ${b.path} stopped partway on ${target.id}: ${b.row.error!.slice(ROLLBACK_STOPPED.length)}`, hint: rollbackStoppedHint(target.environment, b.version) };
      }
      if ((b.row.error ?? '').startsWith(INTERRUPTED_ROW)) {
        const env = target.environment;
        return {
          message: `${b.path} on ${target.id}: ${b.row.error}; ${b.row.applied} of ${b.row.total} statements applied`,
          hint: `If that statement left nothing behind, bb repair --env ${env} --version ${b.version} --retry resumes at statement ${b.row.applied + 1}; --mark-done if you finished it by hand${b.row.applied > 0 ? ', --forget if you undid what it applied' : ''}.`,
        };
      }
      return {
        message: `${b.path} failed on ${target.id}${b.row.failedStatement !== undefined ? ` at statement ${b.row.failedStatement + 1} of ${b.row.total}` : ''}${b.row.applied > 0 ? ` after ${b.row.applied} statement${b.row.applied === 1 ? '' : 's'} had been applied` : ''}: ${b.row.error ?? 'unknown error'}`,
        hint: b.row.applied > 0
          ? `Fix the cause, then bb repair --env ${target.environment} --version ${b.version} --retry (resume at the failed statement), or --mark-done if you finished it by hand.`
          : `Fix the file, then bb repair --env ${target.environment} (nothing was applied) and migrate again.`,
      };
    case 'stale-pending':
      return {
        message: `${b.path} is recorded as running on ${target.id} since ${b.row.startedAt} (${b.row.applied} of ${b.row.total} statements applied), but no runner holds the lock: the run was interrupted`,
        hint: `Check what statement ${b.row.applied + 1} did (on some servers it runs on after its client died), then bb repair --env ${target.environment} --version ${b.version} --retry to resume at statement ${b.row.applied + 1}, --mark-done if you finished it by hand, or --forget if you undid it by hand.`,
      };
    case 'out-of-order':
      return {
        message: `${b.path} (version ${b.version}) is pending on ${target.id}, below the highest applied version ${b.highestApplied}`,
        hint: 'Give the migration a version above the applied ones, or apply it deliberately with --allow-out-of-order.',
      };
    case 'missing-file':
      return {
        message: `version ${b.version} is applied to ${target.id} but its file ${b.path} is missing`,
        hint: `Restore the file, or if it was removed on purpose: bb repair --env ${target.environment} --version ${b.version} --forget.`,
      };
    case 'resume-mismatch':
      return {
        message: `${b.path}: statement ${b.statement + 1} changed after it was applied to ${target.id}, so the migration cannot resume`,
        hint: resumeMismatchHint(target.environment, b.version, 'migrate'),
      };
    case 'unsupported':
      return { message: `${b.path}:${b.line}: ${b.reason}`, hint: 'Rewrite the statement in a form the engine supports.' };
    case 'gate':
      return {
        message: `version ${b.version} (${b.path}) is not applied on ${b.notDoneOn.join(', ')} in ${b.previousEnvironment}, the environment before ${target.environment}`,
        hint: `Run bb migrate --env ${b.previousEnvironment} first (environments are promoted in order).`,
      };
  }
}
