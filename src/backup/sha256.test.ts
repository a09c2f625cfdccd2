import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256File } from './backup.js';

const dir = mkdtempSync(join(tmpdir(), 'bb-sha256-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sha256File', () => {
  it('matches SHA-256 of the whole content, across chunk boundaries and for an empty file', async () => {
    for (const size of [0, 1, (1 << 20) - 1, 1 << 20, (5 << 19) + 7]) {
      const content = randomBytes(size);
      const path = join(dir, `f${size}`);
      writeFileSync(path, content);
      expect(await sha256File(path)).toBe(createHash('sha256').update(content).digest('hex'));
    }
  });
});
