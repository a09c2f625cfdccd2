import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BB_VERSION } from '../version.js';
import type { ColumnFacts } from './facts.js';
import { readReplayCache, replayCachePath, writeReplayCache } from './replay-cache.js';
import { SchemaModel, type SchemaModelData } from './schema-model.js';

const DATA: SchemaModelData = {
  tables: [['users', [{ schema: 'app', name: 'users', columnsKnown: true, createdBy: 'm/0001.sql', columns: [['id', { name: 'id', type: 'bigint', notNull: true } as ColumnFacts]], indexes: [] }]]],
  indexNames: ['users_pkey'],
  opaque: false,
};
const FILES = [{ path: 'm/0001.sql', checksum: 'sha256:aa' }, { path: 'm/0002.sql', checksum: 'sha256:bb' }];

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bb-replay-cache-'));
  path = replayCachePath(dir, 'app db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('replay cache', () => {
  it('gives back the same schema when its files start the earlier files of the run', () => {
    writeReplayCache(path, 'postgres', FILES, SchemaModel.fromData(DATA));
    expect(path).toBe(join(dir, '.bb/cache/lint-replay-app_db.json'));
    expect(readFileSync(join(dir, '.bb/cache/.gitignore'), 'utf8')).toMatch(/^\*$/m); // never shows in git status
    const more = [...FILES, { path: 'm/0003.sql', checksum: 'sha256:cc' }];
    const read = readReplayCache(path, 'postgres', more);
    expect(read?.count).toBe(2);
    expect(read?.model.toData()).toEqual(DATA);
    expect(read?.model.table('app.users')?.columns.get('id')?.type).toBe('bigint');
  });

  it('is not used for another engine, another bb version, changed or fewer files, or a damaged file', () => {
    writeReplayCache(path, 'postgres', FILES, SchemaModel.fromData(DATA));
    expect(readReplayCache(path, 'mysql', FILES)).toBeUndefined();
    expect(readReplayCache(path, 'postgres', [FILES[0]!, { path: 'm/0002.sql', checksum: 'sha256:changed' }])).toBeUndefined();
    expect(readReplayCache(path, 'postgres', [FILES[1]!, FILES[0]!])).toBeUndefined();
    expect(readReplayCache(path, 'postgres', FILES.slice(0, 1))).toBeUndefined();
    writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), bb: '0.0.0-other' }));
    expect(readReplayCache(path, 'postgres', FILES)).toBeUndefined();
    writeFileSync(path, '{"format": 1, "bb"');
    expect(readReplayCache(path, 'postgres', FILES)).toBeUndefined();
    const valid = { format: 1, bb: BB_VERSION, engine: 'postgres' };
    for (const damaged of [null, { ...valid, files: [null] }, { ...valid, files: 'x' }, { ...valid, files: [], model: { tables: 5 } }]) {
      writeFileSync(path, JSON.stringify(damaged));
      expect(readReplayCache(path, 'postgres', FILES)).toBeUndefined();
    }
  });

  it('does not fail a run when it cannot be written, and leaves nothing behind', () => {
    writeFileSync(join(dir, '.bb'), 'a file where the folder would be');
    expect(() => writeReplayCache(path, 'postgres', FILES, new SchemaModel())).not.toThrow();
    expect(readdirSync(dir)).toEqual(['.bb']);
  });
});
