import { describe, expect, it } from 'vitest';
import { whileAbortable } from './abort.js';

describe('whileAbortable', () => {
  it('rejects with the reason, without starting the work, when the signal is already aborted', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    controller.abort(reason);
    let started = false;
    await expect(whileAbortable(controller.signal, () => undefined, async () => {
      started = true;
    })).rejects.toBe(reason);
    expect(started).toBe(false);
  });

  it('settles only after the cancel request sent during the work has, so it cannot land on the next statement', async () => {
    const controller = new AbortController();
    const order: string[] = [];
    let finishCancel!: () => void;
    const done = whileAbortable(
      controller.signal,
      () => new Promise<void>((resolve) => (finishCancel = () => {
        order.push('cancel delivered');
        resolve();
      })),
      async () => {
        controller.abort();
        order.push('statement ended');
      },
    ).then(() => order.push('next statement may start'));
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual(['statement ended']);
    finishCancel();
    await done;
    expect(order).toEqual(['statement ended', 'cancel delivered', 'next statement may start']);
  });

  it('stops listening when the work ends: a later abort cancels nothing', async () => {
    const controller = new AbortController();
    let cancels = 0;
    await whileAbortable(controller.signal, () => void cancels++, async () => 'ok');
    controller.abort();
    expect(cancels).toBe(0);
  });
});
