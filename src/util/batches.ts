/** Items regrouped into arrays of `size` (the last one shorter), read as the consumer asks: memory holds one batch. */
export async function* inBatches<T>(items: AsyncIterable<T> | Iterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * A query's rows in batches of `size`, as a ReadResult's batches(): an error while reading goes
 * through `fail` (which throws it as the query's error), and so does the client-side deadline once
 * the rows stop (`timedOut()`); `close` runs however the reading ends.
 */
export async function* guardedBatches<T>(
  rows: AsyncIterable<T> | Iterable<T>,
  size: number,
  guard: { readonly timedOut: () => boolean; readonly fail: (error: unknown) => never; readonly close: () => Promise<void> },
): AsyncGenerator<T[]> {
  try {
    yield* inBatches(rows, size);
    if (guard.timedOut()) guard.fail(new Error('stopped at the deadline'));
  } catch (error) {
    guard.fail(error);
  } finally {
    await guard.close();
  }
}
