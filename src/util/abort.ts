/**
 * Runs `work` with `onAbort` listening on `signal` (once), and stops listening when the work ends:
 * how engines cancel a running statement on the server when the user interrupts.
 */
export async function whileAbortable<T>(signal: AbortSignal | undefined, onAbort: () => void, work: () => Promise<T>): Promise<T> {
  if (!signal) return work();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await work();
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
