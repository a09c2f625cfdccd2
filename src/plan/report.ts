import type { TargetRef } from '../engine.js';
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
  readonly error?: { readonly kind: string; readonly message: string; readonly hint?: string };
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

export function errorReport(target: TargetRef, error: { kind: string; message: string; hint?: string | undefined }): TargetPlanReport {
  return { target, database: target.database, applied: 0, steps: [], blockers: [], warnings: [], error: { kind: error.kind, message: error.message, ...(error.hint ? { hint: error.hint } : {}) } };
}
