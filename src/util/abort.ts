/**
 * Runs `work` with `onAbort` listening on `signal` (once), and stops listening when the work ends:
 * how engines cancel a running statement on the server when the user interrupts.
 *
 * A signal already aborted rejects with its reason before `work` starts (a listener added then would
 * never fire, and the statement would run to its end). When `onAbort` fired, this settles only after
 * the promise it returned (the cancel request) has: a cancel sent just as the statement ended must not
 * land on the next one, such as the history row recording the statement's progress.
 */
export async function whileAbortable<T>(signal: AbortSignal | undefined, onAbort: () => void | Promise<unknown>, work: () => Promise<T>): Promise<T> {
  if (!signal) return work();
  if (signal.aborted) throw signal.reason;
  let cancelling: void | Promise<unknown> = undefined;
  const listener = (): void => {
    cancelling = onAbort();
  };
  signal.addEventListener('abort', listener, { once: true });
  try {
    return await work();
  } finally {
    signal.removeEventListener('abort', listener);
    await Promise.resolve(cancelling).catch(() => undefined);
  }
}
