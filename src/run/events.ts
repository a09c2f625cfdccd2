import type { TargetRef } from '../engine.js';
import type { PlanStep } from '../plan/plan.js';
import type { MigrationResult, TargetResult } from './runner.js';

/** What a run reports as it goes; progress output and CI lines are consumers of these. */
export type RunEvent =
  /** `holderUnknown`: why the holder could not be asked (the lock is held, by a runner bb cannot name). */
  | { readonly type: 'lock-wait'; readonly target: TargetRef; readonly heldBy?: string; readonly holderUnknown?: string }
  | { readonly type: 'lock-acquired'; readonly target: TargetRef }
  | { readonly type: 'migration-start'; readonly target: TargetRef; readonly step: PlanStep }
  | { readonly type: 'statement'; readonly target: TargetRef; readonly version: string; readonly index: number; readonly total: number }
  | { readonly type: 'migration-end'; readonly target: TargetRef; readonly result: MigrationResult }
  | { readonly type: 'warning'; readonly target: TargetRef; readonly message: string }
  | { readonly type: 'target-end'; readonly result: TargetResult };
