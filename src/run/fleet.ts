/**
 * Tenant fleets: one change applied to every member of a group target, at most `concurrency` members
 * at once (each member its own connection, lock and history), `canary` members first, and `onError`
 * deciding whether a failure stops new members from starting. Like the runner, it never throws past
 * this boundary: every member comes back done, failed, skipped or not started.
 */
import type { TargetRef } from '../engine.js';
import { BbError } from '../errors.js';
import type { ErrorInfo, TargetResult } from './runner.js';
import { highestVersion } from '../migrations/version.js';
import type { TargetPlanReport } from '../plan/report.js';

/**
 * Runs `fn` over `items` with at most `limit` running at once, in order of `items`. `stop()` is asked
 * before each new start; once it says true, nothing more starts (running work finishes). Resolves
 * with one entry per item: the value, or undefined for items never started.
 */
export async function mapPool<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
  stop: () => boolean = () => false,
): Promise<(R | undefined)[]> {
  const out: (R | undefined)[] = new Array<R | undefined>(items.length).fill(undefined);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !stop()) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

export type MemberState = 'done' | 'failed' | 'skipped' | 'not-started';

export interface MemberOutcome {
  readonly target: TargetRef;
  readonly state: MemberState;
  /** The runner's result for members that ran (done or failed). */
  readonly result?: TargetResult;
  /** Why a member failed (its first failed migration, or why it could not run), or why it was skipped. */
  readonly error?: ErrorInfo;
  /** A canary member (migrated before the rest). */
  readonly canary?: boolean;
}

export interface FleetPolicy {
  /** Members migrated at once (≥ 1). */
  readonly concurrency: number;
  /** Members migrated first; any failure among them stops the rollout. 0 = none. */
  readonly canary: number;
  /** stop: no new member starts after a failure (running ones finish); continue: go on. */
  readonly onError: 'stop' | 'continue';
}

export interface FleetResult {
  /** The group, e.g. "prod/app". */
  readonly group: string;
  readonly policy: FleetPolicy;
  /** Every member of the group, in member order. */
  readonly members: readonly MemberOutcome[];
  /** Why members were left not started: a canary failed, a failure under onError: stop, or an interrupt. */
  readonly stopped?: 'canary' | 'error' | 'interrupted';
  readonly durationMs: number;
}

export interface FleetMember {
  readonly target: TargetRef;
  /** Excluded up front (--only/--exclude, or blocked before the run under onError: continue): its outcome is final. */
  readonly preset?: MemberOutcome;
}

export type FleetEvent =
  | { readonly type: 'member-start'; readonly group: string; readonly target: TargetRef; readonly total: number }
  | { readonly type: 'member-end'; readonly group: string; readonly outcome: MemberOutcome; readonly done: number; readonly failed: number; readonly total: number; readonly running: readonly string[] };

/** The state of a runner result: failed when the target errored or any migration did not finish. */
export function memberOutcome(result: TargetResult, canary: boolean): MemberOutcome {
  const failedMigration = result.migrations.find((m) => m.status === 'failed');
  const error = result.error ?? failedMigration?.error;
  const failed = !!result.error || result.migrations.some((m) => m.status !== 'done');
  return { target: result.target, state: failed ? 'failed' : 'done', result, ...(failed && error ? { error } : {}), ...(canary ? { canary: true } : {}) };
}

/**
 * onError at plan time, for bb plan and bb migrate alike. Under continue, a member whose plan cannot go
 * ahead (a blocker, or an error: unreachable, drift: fail, …) is that member failing, with its error or
 * first blocker, and the other members go ahead: its plan comes back marked countedFailed, and `failed`
 * is its outcome. Under stop, or when the member can go ahead, the plan comes back as it is: a blocker
 * then stops the whole environment, as a single target's does.
 */
export function planMember(report: TargetPlanReport, onError: FleetPolicy['onError']): { readonly report: TargetPlanReport; readonly failed?: MemberOutcome } {
  const blocker = report.blockers[0];
  if (onError !== 'continue' || (!blocker && !report.error)) return { report };
  const error = report.error ?? { kind: 'history', message: blocker!.message, hint: blocker!.hint };
  const failed: MemberOutcome = {
    target: report.target,
    state: 'failed',
    error: { kind: error.kind, code: blocker ? `blocked.${blocker.kind}` : error.kind, message: error.message, ...(error.hint ? { hint: error.hint } : {}) },
  };
  return { report: { ...report, steps: [], countedFailed: true }, failed };
}

/**
 * Migrates a group: canaries first (with min(canary, concurrency) at once), then the rest. `runMember`
 * opens its own connection, runs and closes; it must not throw (a throw is recorded as the member's
 * failure all the same).
 */
export async function runFleet(
  group: string,
  members: readonly FleetMember[],
  policy: FleetPolicy,
  runMember: (target: TargetRef, canary: boolean) => Promise<MemberOutcome>,
  options: { signal?: AbortSignal; onEvent?: (e: FleetEvent) => void } = {},
): Promise<FleetResult> {
  const started = performance.now();
  const outcomes = new Map<string, MemberOutcome>();
  for (const m of members) if (m.preset) outcomes.set(m.target.id, m.preset);
  const todo = members.filter((m) => !m.preset).map((m) => m.target);
  const total = members.length;
  let failed = [...outcomes.values()].filter((o) => o.state === 'failed').length;
  let done = [...outcomes.values()].filter((o) => o.state === 'done').length;
  const running = new Set<string>();
  let stopped: FleetResult['stopped'];

  const one = async (target: TargetRef, canary: boolean): Promise<MemberOutcome> => {
    running.add(target.member ?? target.id);
    options.onEvent?.({ type: 'member-start', group, target, total });
    let outcome: MemberOutcome;
    try {
      outcome = await runMember(target, canary);
      if (canary && !outcome.canary) outcome = { ...outcome, canary: true };
    } catch (error) {
      const info: ErrorInfo = error instanceof BbError
        ? { kind: error.kind, code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) }
        : { kind: 'internal', code: 'internal', message: (error as Error)?.message ?? String(error) };
      outcome = { target, state: 'failed', error: info, ...(canary ? { canary: true } : {}) };
    }
    running.delete(target.member ?? target.id);
    outcomes.set(target.id, outcome);
    if (outcome.state === 'failed') failed++;
    else if (outcome.state === 'done') done++;
    options.onEvent?.({ type: 'member-end', group, outcome, done, failed, total, running: [...running] });
    return outcome;
  };

  const concurrency = Math.max(1, Math.floor(policy.concurrency));
  const canaries = todo.slice(0, Math.max(0, Math.floor(policy.canary)));
  const rest = todo.slice(canaries.length);
  const interrupted = (): boolean => !!options.signal?.aborted;
  let canaryFailed = false;
  if (canaries.length > 0) {
    const results = await mapPool(canaries, Math.min(concurrency, canaries.length), (t) => one(t, true), interrupted);
    canaryFailed = results.some((o) => o?.state === 'failed');
  }
  if (canaryFailed) stopped = 'canary';
  else if (interrupted()) stopped = 'interrupted';
  else {
    let sawFailure = failed > 0 && policy.onError === 'stop';
    await mapPool(rest, concurrency, async (t) => {
      const o = await one(t, false);
      if (o.state === 'failed') sawFailure = true;
      return o;
    }, () => interrupted() || (policy.onError === 'stop' && sawFailure));
    if (rest.some((t) => !outcomes.has(t.id))) stopped = interrupted() ? 'interrupted' : 'error';
  }
  const list = members.map((m) => outcomes.get(m.target.id) ?? { target: m.target, state: 'not-started' as const });
  return { group, policy: { concurrency, canary: canaries.length, onError: policy.onError }, members: list, ...(stopped ? { stopped } : {}), durationMs: performance.now() - started };
}

/**
 * --only / --exclude: comma-separated member-name patterns; each is a /regular expression/ or a glob
 * where `*` (or `%`) is any run of characters and `?` one character. Other characters, `_` included,
 * match themselves.
 */
export function memberFilter(only: string | undefined, exclude: string | undefined): ((name: string) => boolean) | undefined {
  if (only === undefined && exclude === undefined) return undefined;
  const compile = (list: string, flag: string): ((name: string) => boolean)[] =>
    list.split(',').map((p) => p.trim()).filter(Boolean).map((p) => {
      const re = /^\/(.*)\/([a-z]*)$/s.exec(p);
      if (re) {
        try {
          const regex = new RegExp(re[1]!, re[2]);
          return (name: string) => regex.test(name);
        } catch (error) {
          throw new BbError('usage', `${flag} ${p} is not a valid regular expression: ${(error as Error).message}.`, { hint: `For example ${flag} 'tenant_*' or ${flag} '/^tenant_(1|2)$/'.`, code: 'usage.pattern' });
        }
      }
      const source = [...p].map((ch) => (ch === '*' || ch === '%' ? '.*' : ch === '?' ? '.' : ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))).join('');
      const regex = new RegExp(`^${source}$`, 's');
      return (name: string) => regex.test(name);
    });
  const inc = only !== undefined ? compile(only, '--only') : undefined;
  const exc = exclude !== undefined ? compile(exclude, '--exclude') : [];
  return (name) => (!inc || inc.some((f) => f(name))) && !exc.some((f) => f(name));
}

/**
 * Fleet progress on stderr. On a terminal: one line rewritten in place ("prod/app: 37/60 done, 8
 * running (t_1, t_2, …), 1 failed"), failures printed above it as they happen. Elsewhere (CI, pipes):
 * one plain line per finished member.
 */
export function fleetProgress(options: { tty: boolean; quiet: boolean; write: (text: string) => void }): (e: FleetEvent) => void {
  let shown = false;
  const running = new Set<string>();
  const clear = (): void => {
    if (shown) options.write('\r\u001b[2K');
    shown = false;
  };
  const line = (group: string, done: number, failed: number, total: number): void => {
    if (!options.tty || options.quiet) return;
    clear();
    if (done + failed >= total) return;
    const names = [...running].slice(0, 4).join(', ') + (running.size > 4 ? ', …' : '');
    options.write(`${group}: ${done}/${total} done, ${running.size} running${names ? ` (${names})` : ''}${failed ? `, ${failed} failed` : ''}`);
    shown = true;
  };
  let last = { done: 0, failed: 0, total: 0 };
  return (e) => {
    if (e.type === 'member-start') {
      running.add(e.target.member ?? e.target.id);
      line(e.group, last.done, last.failed, e.total);
      return;
    }
    running.delete(e.outcome.target.member ?? e.outcome.target.id);
    last = { done: e.done, failed: e.failed, total: e.total };
    const o = e.outcome;
    const name = o.target.id;
    if (o.state === 'failed') {
      clear();
      options.write(`${name}: failed${o.canary ? ' (canary)' : ''}: ${o.error?.message ?? 'unknown error'}\n`);
    } else if (!options.tty && !options.quiet) {
      const applied = o.result?.migrations.filter((m) => m.status === 'done') ?? [];
      const now = highestVersion([o.result?.plan?.current, ...applied.map((m) => m.version)]);
      options.write(`${name}: done${o.canary ? ' (canary)' : ''}, ${applied.length === 0 ? 'already up to date' : `${applied.length} applied${now ? `, now at ${now}` : ''}`} [${e.done + e.failed}/${e.total}]\n`);
    }
    line(e.group, e.done, e.failed, e.total);
  };
}
