import type { TargetRef } from '../engine.js';
import { targetsExitCode } from '../errors.js';
import { describeBlocker, type TargetPlan } from './plan.js';

/** A plan as plain JSON-friendly data: what `bb plan` prints and `--format json` emits. */
export interface TargetPlanReport {
  readonly target: TargetRef;
  readonly database: string;
  readonly current?: string;
  readonly applied: number;
  readonly steps: readonly {
    readonly version: string; readonly path: string; readonly action: string; readonly statements: number;
    readonly fromStatement: number; readonly transactional: boolean; readonly noTransactionReason?: string;
  }[];
  readonly blockers: readonly { readonly kind: string; readonly version: string; readonly path: string; readonly message: string; readonly hint: string }[];
  readonly warnings: readonly { readonly version: string; readonly path: string; readonly line: number; readonly message: string }[];
  /** Why the target cannot be planned; `code` is the BbError's (e.g. `lock.unreadable`), where there is one. */
  readonly error?: { readonly kind: string; readonly code?: string; readonly message: string; readonly hint?: string };
  /**
   * A group member under onError: continue whose plan cannot go ahead (its error or a blocker): bb
   * migrate counts it failed and migrates the other members. It does not stop the environment, its
   * error makes the exit code 1 (never 2 or 3), and its steps are dropped: nothing is applied to it.
   */
  readonly countedFailed?: true;
}

export interface PlanReport {
  readonly environment: string;
  readonly protected: boolean;
  readonly targets: readonly TargetPlanReport[];
}

export function toReport(plan: TargetPlan): TargetPlanReport {
  return {
    target: plan.target,
    database: plan.target.database,
    ...(plan.current !== undefined ? { current: plan.current } : {}),
    applied: plan.applied,
    steps: plan.steps.map((s) => ({
      version: s.file.key,
      path: s.file.path,
      action: s.action,
      statements: s.total,
      fromStatement: s.fromStatement,
      transactional: s.transactional,
      ...(s.noTransactionReason ? { noTransactionReason: s.noTransactionReason } : {}),
    })),
    blockers: plan.blockers.map((b) => ({ kind: b.kind, version: b.version, path: b.path, ...describeBlocker(b, plan.target) })),
    warnings: plan.warnings,
  };
}

export function errorReport(target: TargetRef, error: { kind: string; code?: string; message: string; hint?: string | undefined }): TargetPlanReport {
  return { target, database: target.database, applied: 0, steps: [], blockers: [], warnings: [], error: { kind: error.kind, ...(error.code ? { code: error.code } : {}), message: error.message, ...(error.hint ? { hint: error.hint } : {}) } };
}

/** Whether a target's plan stops the whole environment: a blocker or an error, unless onError: continue counts it as its member failing. */
export function blocksEnvironment(t: TargetPlanReport): boolean {
  return !t.countedFailed && (t.blockers.length > 0 || t.error !== undefined);
}

/**
 * The exit code of a plan: the worst error kind among the targets that stop the environment (3 cannot
 * connect or lock, 2 usage or config), else 1 when something blocks or a member counts failed, else 0.
 */
export function planExitCode(targets: readonly TargetPlanReport[]): 0 | 1 | 2 | 3 {
  return targetsExitCode(targets.map((t) => (t.countedFailed ? undefined : t.error?.kind)), targets.some((t) => t.countedFailed || t.blockers.length > 0));
}
