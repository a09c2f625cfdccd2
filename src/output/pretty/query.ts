/**
 * bb query's output: rows are streamed to stdout while the query runs (src/query/run.ts calls the
 * writer returned here), so the command's own result is only a summary, rendered to nothing.
 */

/** Writes to stdout, waiting for 'drain' when the pipe is full, so memory stays flat on slow readers. */
export function stdoutWriter(): (text: string | Uint8Array) => Promise<void> {
  return (text) => {
    if (text.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const ok = process.stdout.write(text, (error) => (error ? reject(error) : undefined));
      if (ok) resolve();
      else process.stdout.once('drain', () => resolve());
    });
  };
}
