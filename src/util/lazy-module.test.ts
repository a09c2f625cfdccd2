import { describe, expect, it } from 'vitest';
import { lazyModule } from './lazy-module.js';

describe('lazyModule', () => {
  it('loads once, answers the first calls with a Promise and later ones synchronously', async () => {
    let loads = 0;
    const withModule = lazyModule(async () => {
      loads++;
      return { double: (n: number) => n * 2 };
    });
    const first = withModule((m) => m.double(1));
    const second = withModule((m) => m.double(2));
    expect(first).toBeInstanceOf(Promise);
    expect(await first).toBe(2);
    expect(await second).toBe(4);
    expect(withModule((m) => m.double(3))).toBe(6);
    expect(loads).toBe(1);
  });

  it('passes on a load failure to the caller', async () => {
    const withModule = lazyModule<{ x: number }>(() => Promise.reject(new Error('no such module')));
    await expect(withModule((m) => m.x)).rejects.toThrow('no such module');
  });
});
