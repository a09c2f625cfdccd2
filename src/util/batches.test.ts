import { describe, expect, it } from 'vitest';
import { inBatches } from './batches.js';

const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe('inBatches', () => {
  it('regroups items into batches of the size, the last one shorter, none empty', async () => {
    expect(await collect(inBatches([1, 2, 3, 4, 5], 2))).toEqual([[1, 2], [3, 4], [5]]);
    expect(await collect(inBatches([1, 2], 2))).toEqual([[1, 2]]);
    expect(await collect(inBatches([], 3))).toEqual([]);
  });

  it('reads no further than the batch the consumer asks for', async () => {
    let read = 0;
    async function* source(): AsyncGenerator<number> {
      for (let i = 0; i < 100; i++) {
        read++;
        yield i;
      }
    }
    const batches = inBatches(source(), 10);
    await batches.next();
    expect(read).toBe(10);
  });
});
