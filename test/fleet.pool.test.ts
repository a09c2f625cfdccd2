/** The fleet runner as data: concurrency bound, canary, onError, member order; patterns for --only and discover. */
import { describe, expect, it } from 'vitest';
import { fleetProgress, mapPool, memberFilter, runFleet, type MemberOutcome } from '../src/run/fleet.js';
import { namePattern } from '../src/config/targets.js';
import type { TargetRef } from '../src/engine.js';

const refs = (n: number): TargetRef[] => Array.from({ length: n }, (_, i) => ({ environment: 'prod', database: 'app', member: `t${i + 1}`, id: `prod/app[t${i + 1}]`, url: 'postgres://x' }));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('mapPool', () => {
  it('never runs more than the limit at once and keeps input order', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapPool([5, 1, 4, 2, 3, 1, 2], 3, async (ms, i) => {
      running++;
      peak = Math.max(peak, running);
      await sleep(ms * 3);
      running--;
      return i;
    });
    expect(peak).toBe(3);
    expect(out).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
  it('starts nothing once stop() is true', async () => {
    let stop = false;
    const out = await mapPool([1, 2, 3, 4], 1, async (x) => {
      if (x === 2) stop = true;
      return x;
    }, () => stop);
    expect(out).toEqual([1, 2, undefined, undefined]);
  });
});

describe('runFleet', () => {
  const runner = (fail: (id: string) => boolean, log: string[] = [], delay = 2) => async (t: TargetRef): Promise<MemberOutcome> => {
    log.push(t.member!);
    await sleep(delay);
    return fail(t.member!) ? { target: t, state: 'failed', error: { kind: 'apply', code: 'apply.failed', message: `boom on ${t.member}` } } : { target: t, state: 'done' };
  };

  it('onError continue: every member runs; failures keep their error', async () => {
    const r = await runFleet('prod/app', refs(10).map((target) => ({ target })), { concurrency: 4, canary: 0, onError: 'continue' }, runner((m) => m === 't3'));
    expect(r.members.map((m) => m.state)).toEqual(['done', 'done', 'failed', 'done', 'done', 'done', 'done', 'done', 'done', 'done']);
    expect(r.members[2]!.error!.message).toBe('boom on t3');
    expect(r.stopped).toBeUndefined();
  });

  it('onError stop: running members finish, no new member starts', async () => {
    const log: string[] = [];
    const r = await runFleet('prod/app', refs(10).map((target) => ({ target })), { concurrency: 2, canary: 0, onError: 'stop' }, runner((m) => m === 't1', log, 5));
    expect(r.stopped).toBe('error');
    expect(r.members[0]!.state).toBe('failed');
    expect(r.members[1]!.state).toBe('done'); // was running when t1 failed
    expect(r.members.slice(2).every((m) => m.state === 'not-started')).toBe(true);
    expect(log).toEqual(['t1', 't2']);
  });

  it('canary: a failing canary stops the rollout; passing canaries let the rest run', async () => {
    const bad = await runFleet('prod/app', refs(6).map((target) => ({ target })), { concurrency: 4, canary: 2, onError: 'continue' }, runner((m) => m === 't2'));
    expect(bad.stopped).toBe('canary');
    expect(bad.members.map((m) => m.state)).toEqual(['done', 'failed', 'not-started', 'not-started', 'not-started', 'not-started']);
    expect(bad.members[1]!.canary).toBe(true);
    const good = await runFleet('prod/app', refs(6).map((target) => ({ target })), { concurrency: 4, canary: 2, onError: 'continue' }, runner(() => false));
    expect(good.members.every((m) => m.state === 'done')).toBe(true);
  });

  it('preset members (skipped, blocked) are reported as they are and never run', async () => {
    const log: string[] = [];
    const members = refs(3).map((target, i) => (i === 1 ? { target, preset: { target, state: 'skipped' as const } } : { target }));
    const r = await runFleet('prod/app', members, { concurrency: 2, canary: 0, onError: 'continue' }, runner(() => false, log));
    expect(r.members.map((m) => m.state)).toEqual(['done', 'skipped', 'done']);
    expect(log.sort()).toEqual(['t1', 't3']);
  });

  it('a runner that throws is that member failing, not the fleet crashing', async () => {
    const r = await runFleet('prod/app', refs(2).map((target) => ({ target })), { concurrency: 2, canary: 0, onError: 'continue' }, async (t) => {
      if (t.member === 't1') throw new Error('socket closed');
      return { target: t, state: 'done' };
    });
    expect(r.members[0]).toMatchObject({ state: 'failed', error: { message: 'socket closed' } });
    expect(r.members[1]!.state).toBe('done');
  });
});

describe('name patterns', () => {
  it('discover match: SQL LIKE (% and _, backslash escapes) or /regex/', () => {
    const like = namePattern('tenant_%', 'x');
    expect(['tenant_1', 'tenantX2', 'tenant_'].map(like)).toEqual([true, true, true]);
    expect(like('other_1')).toBe(false);
    const strict = namePattern('tenant\\_%', 'x');
    expect([strict('tenant_1'), strict('tenantX1')]).toEqual([true, false]);
    const re = namePattern('/^t_\\d+$/', 'x');
    expect([re('t_12'), re('t_x')]).toEqual([true, false]);
    expect(() => namePattern('/(/', 'environments[0].targets.app.discover.match')).toThrow(/environments\[0\]\.targets\.app\.discover\.match: \/\(\/ is not a valid regular expression/);
  });
  it('--only / --exclude: comma lists of names, globs and /regex/; _ is literal', () => {
    const f = memberFilter('tenant_1*,/^vip/', 'tenant_13')!;
    expect(['tenant_1', 'tenant_12', 'tenant_13', 'tenantX1', 'vip_a', 'tenant_2'].filter(f)).toEqual(['tenant_1', 'tenant_12', 'vip_a']);
    expect(memberFilter(undefined, undefined)).toBeUndefined();
    expect(memberFilter(undefined, 't?')!('t1')).toBe(false);
  });
});

describe('fleetProgress', () => {
  const ref = refs(2);
  const end = (i: number, state: 'done' | 'failed', done: number, failed: number): Parameters<ReturnType<typeof fleetProgress>>[0] => ({
    type: 'member-end', group: 'prod/app', done, failed, total: 2, running: [],
    outcome: state === 'done' ? { target: ref[i]!, state, result: { target: ref[i]!, migrations: [{ version: '0003', path: 'm/0003.sql', status: 'done', applied: 1, total: 1, durationMs: 1, transactional: true }], waitedForLock: false } } : { target: ref[i]!, state, error: { kind: 'apply', code: 'apply.failed', message: 'boom' } },
  });
  it('plain lines in CI: one per finished member, failures with their error', () => {
    const out: string[] = [];
    const p = fleetProgress({ tty: false, quiet: false, write: (t) => out.push(t) });
    p({ type: 'member-start', group: 'prod/app', target: ref[0]!, total: 2 });
    p(end(0, 'done', 1, 0));
    p(end(1, 'failed', 1, 1));
    expect(out.join('')).toBe('prod/app[t1]: done, 1 applied, now at 0003 [1/2]\nprod/app[t2]: failed: boom\n');
  });
  it('on a terminal: one line rewritten in place, cleared at the end', () => {
    const out: string[] = [];
    const p = fleetProgress({ tty: true, quiet: false, write: (t) => out.push(t) });
    p({ type: 'member-start', group: 'prod/app', target: ref[0]!, total: 2 });
    expect(out.join('')).toBe('prod/app: 0/2 done, 1 running (t1)');
    p(end(0, 'done', 1, 0));
    p(end(1, 'done', 2, 0));
    expect(out[out.length - 1]).toBe('\r\u001b[2K');
  });
});
