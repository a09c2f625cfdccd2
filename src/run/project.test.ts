import { describe, expect, it, vi } from 'vitest';
import type { Engine, Target } from '../engine.js';
import { BbError } from '../errors.js';
import { connectTarget } from './project.js';

/** A clickhouse-like engine that must never be asked to connect: the scheme check comes first. */
const engine = { name: 'clickhouse', schemes: ['clickhouse:', 'chdb:'], connect: vi.fn() } as unknown as Engine;
const target = (locateUrl?: () => string): Target => ({
  ref: { environment: 'prod', database: 'app', member: 'x', id: 'prod/app[x]', url: 'mysql://root:***@h/x' },
  engine: 'clickhouse', url: 'mysql://root:s3cret@h/x', baseDir: '/project',
  history: { table: 'bb_migration_history', snapshotTable: 'bb_migration_history_snapshots' }, session: {},
  ...(locateUrl ? { locateUrl } : {}),
});

describe('connectTarget', () => {
  it('refuses a URL of another engine\'s scheme, starting with where the URL is written', async () => {
    await expect(connectTarget(engine, target(() => 'bb.config.yaml:9: environments[2].targets.app.urls[1]'))).rejects.toSatisfy((e: unknown) => e instanceof BbError
      && e.kind === 'config' && e.code === 'config.url-scheme'
      && e.message === 'bb.config.yaml:9: environments[2].targets.app.urls[1]: mysql://root:***@h/x (prod/app[x]) is not a clickhouse URL.');
    expect(engine.connect).not.toHaveBeenCalled();
  });

  it('names the target by its id when it was not read from a config', async () => {
    await expect(connectTarget(engine, target())).rejects.toThrow(/^prod\/app\[x\]: mysql:\/\/root:\*\*\*@h\/x is not a clickhouse URL\.$/);
  });
});
