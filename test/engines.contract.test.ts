/**
 * The one conformance suite every engine passes: history table, lock, transactional (or per-statement)
 * apply, failure recording, resume, introspection. Engines differ only through their capabilities.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEngine, type Engine, type Session } from '../src/engine.js';
import { BbError } from '../src/errors.js';
import { readMigrationDir } from '../src/migrations/dir.js';
import { analyze } from '../src/plan/analysis.js';
import { runTarget, type TargetResult } from '../src/run/runner.js';
import type { RunEvent } from '../src/run/events.js';
import { ENGINE_CASES, type EngineCase } from './support/engine-cases.js';

const context = { environment: 'test', by: 'tester@host', bbVersion: '0.0.0-test' };

async function runFolder(engine: Engine, session: Session, files: Record<string, string>, opts: { lockTimeoutMs?: number } = {}): Promise<{ result: TargetResult; events: RunEvent[] }> {
  const root = mkdtempSync(join(tmpdir(), 'bb-contract-dir-'));
  try {
    for (const [name, sql] of Object.entries(files)) writeFileSync(join(root, name), sql);
    const dir = await readMigrationDir({ database: 'app', engine: engine.name, path: root, projectRoot: root });
    const events: RunEvent[] = [];
    const result = await runTarget({
      session, engine, dir, analysis: analyze(dir, engine), allowOutOfOrder: false,
      lockTimeoutMs: opts.lockTimeoutMs ?? 5_000, context, onEvent: (e) => events.push(e), snapshot: true,
    });
    return { result, events };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

for (const c of ENGINE_CASES) {
  describe(`engine conformance: ${c.name}`, async () => {
    const available = await c.available();
    describe.skipIf(!available)(c.name, () => {
      suite(c);
    });
  });
}

function suite(c: EngineCase): void {
  let engine: Engine;
  let fresh: { target: import('../src/engine.js').Target; cleanup(): Promise<void> };
  let session: Session;
  const sql = c.sql;

  beforeAll(async () => {
    engine = await loadEngine(c.engine);
    fresh = await c.fresh('conf');
    session = await engine.connect(fresh.target, { openTimeoutMs: 2_000 });
  });
  afterAll(async () => {
    await session?.close();
    await fresh?.cleanup();
  });

  it('reads an empty history without creating the table, then ensures it idempotently', async () => {
    expect(await session.history.read()).toEqual([]);
    await session.history.ensure();
    await session.history.ensure();
    expect(await session.history.read()).toEqual([]);
    expect(await session.history.latestSnapshot()).toBeUndefined();
  });

  it('records pending → progress → done, and failed with its statement and error', async () => {
    const file = { key: '9001', name: 'manual', path: 'migrations/9001_manual.sql', checksum: 'sha256:abc' };
    await session.history.start({ file, kind: 'versioned', total: 3, applied: 0, statementHashes: [], context });
    let row = (await session.history.read()).find((r) => r.version === '9001')!;
    expect(row).toMatchObject({ status: 'pending', applied: 0, total: 3, by: 'tester@host', bbVersion: '0.0.0-test', environment: 'test', path: file.path, checksum: 'sha256:abc' });
    await session.history.progress('9001', 1, 'h1');
    await session.history.progress('9001', 2, 'h2');
    await session.history.finish('9001', { status: 'failed', error: 'boom at 3', failedStatement: 2, durationMs: 12 });
    row = (await session.history.read()).find((r) => r.version === '9001')!;
    expect(row).toMatchObject({ status: 'failed', applied: 2, statementHashes: ['h1', 'h2'], error: 'boom at 3', failedStatement: 2, retry: false });
    await session.history.update('9001', { retry: true });
    expect((await session.history.read()).find((r) => r.version === '9001')!.retry).toBe(true);
    await session.history.remove('9001');
    expect((await session.history.read()).find((r) => r.version === '9001')).toBeUndefined();
  });

  it('grants the lock to one holder at a time and releases it', async () => {
    const key = `bb:contract.${Date.now()}`;
    const first = await session.tryLock(key);
    expect(first).toBeDefined();
    if (c.concurrentSessions) {
      const other = await engine.connect(fresh.target, {});
      try {
        expect(await other.tryLock(key)).toBeUndefined();
        const unrelated = await other.tryLock(`${key}.other`);
        expect(unrelated).toBeDefined();
        await unrelated!.release();
        await first!.release();
        const second = await other.tryLock(key);
        expect(second).toBeDefined();
        await second!.release();
      } finally {
        await other.close();
      }
    } else {
      // Embedded: the data folder itself is exclusive to one process/session at a time.
      await expect(engine.connect(fresh.target, { openTimeoutMs: 300 })).rejects.toSatisfy((e: unknown) => e instanceof BbError && e.kind === 'lock');
      await first!.release();
    }
  });

  it('applies migrations, records them done, and takes a schema snapshot', async () => {
    const { result } = await runFolder(engine, session, {
      '0001_create.sql': `${sql.createTable('contract_a')};\n${sql.insert('contract_a', 1)};\n`,
      '0002_empty.sql': '-- only a comment\n',
      '0003_index.sql': `${sql.createIndex('contract_a')};\n`,
    });
    expect(result.error).toBeUndefined();
    expect(result.migrations.map((m) => [m.version, m.status, m.applied, m.total])).toEqual([['0001', 'done', 2, 2], ['0002', 'done', 0, 0], ['0003', 'done', 1, 1]]);
    const rows = await session.history.read();
    expect(rows.filter((r) => r.status === 'done').map((r) => r.version)).toEqual(['0001', '0002', '0003']);
    expect(rows.find((r) => r.version === '0001')!.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
    // Each row's own start: one migration starts when the one before it has finished (a batch sent as
    // one message once stamped all of them with the batch's start, and summed their durations).
    const done = rows.filter((r) => r.status === 'done');
    for (const [i, r] of done.entries()) {
      expect(r.finishedAt, r.version).toBeDefined();
      expect(Date.parse(r.finishedAt!) - Date.parse(r.startedAt), r.version).toBeGreaterThanOrEqual(0);
      if (i > 0) expect(Date.parse(r.startedAt), r.version).toBeGreaterThanOrEqual(Date.parse(done[i - 1]!.finishedAt!) - 1);
    }
    const snap = await session.history.latestSnapshot();
    expect(snap?.version).toBe('0003');
    expect(snap?.snapshot.objects.some((o) => o.kind === 'table' && o.name.toLowerCase().endsWith('contract_a'))).toBe(true);
  });

  it('is a no-op when nothing is pending, and refuses an edited applied file', async () => {
    const again = await runFolder(engine, session, {
      '0001_create.sql': `${sql.createTable('contract_a')};\n${sql.insert('contract_a', 1)};\n`,
      '0002_empty.sql': '-- only a comment\n',
      '0003_index.sql': `${sql.createIndex('contract_a')};\n`,
    });
    expect(again.result.migrations).toEqual([]);
    expect(again.result.error).toBeUndefined();
    const edited = await runFolder(engine, session, {
      '0001_create.sql': `${sql.createTable('contract_a')};\n${sql.insert('contract_a', 2)};\n`,
      '0002_empty.sql': '-- only a comment\n',
      '0003_index.sql': `${sql.createIndex('contract_a')};\n`,
    });
    expect(edited.result.error?.code).toBe('blocked.checksum-mismatch');
    expect(edited.result.error?.message).toContain('0001_create.sql');
  });

  it('records a failing migration precisely and resumes after repair', async () => {
    const base = {
      '0001_create.sql': `${sql.createTable('contract_a')};\n${sql.insert('contract_a', 1)};\n`,
      '0002_empty.sql': '-- only a comment\n',
      '0003_index.sql': `${sql.createIndex('contract_a')};\n`,
    };
    const failing = `${sql.createTable('contract_b')};\n${sql.insert('contract_b', 1)};\n${sql.failing};\n${sql.insert('contract_b', 2)};\n`;
    const { result } = await runFolder(engine, session, { ...base, '0004_fails.sql': failing });
    const m = result.migrations[0]!;
    expect(m).toMatchObject({ version: '0004', status: 'failed', failedStatement: 2 });
    expect(m.error?.message).toContain('statement 3 of 4');
    expect(m.error?.message).toMatch(/bb_no_such_table_at_all/i);
    const row = (await session.history.read()).find((r) => r.version === '0004')!;
    expect(row.status).toBe('failed');
    expect(row.failedStatement).toBe(2);
    expect(row.error).toMatch(/bb_no_such_table_at_all/i);
    const tableExists = async (): Promise<boolean> => (await session.introspect()).objects.some((o) => o.kind === 'table' && o.name.toLowerCase().endsWith('contract_b'));
    if (engine.capabilities.transactionalDdl) {
      expect(row.applied).toBe(0);
      expect(await tableExists()).toBe(false); // rolled back entirely
    } else {
      expect(row.applied).toBe(2);
      expect(row.statementHashes).toHaveLength(2);
      expect(await tableExists()).toBe(true); // DDL committed as it went
    }
    // Blocked until repaired.
    const blocked = await runFolder(engine, session, { ...base, '0004_fails.sql': failing });
    expect(blocked.result.error?.code).toBe('blocked.failed');

    // Repair: resume (non-transactional) or re-run (transactional) with the failing statement fixed.
    const fixed = failing.replace(sql.failing, sql.insert('contract_b', 3));
    if (row.applied > 0) await session.history.update('0004', { retry: true });
    else await session.history.remove('0004');
    const resumed = await runFolder(engine, session, { ...base, '0004_fails.sql': fixed });
    expect(resumed.result.error).toBeUndefined();
    expect(resumed.result.migrations[0]).toMatchObject({ version: '0004', status: 'done', applied: 4, total: 4 });
    const done = (await session.history.read()).find((r) => r.version === '0004')!;
    expect(done).toMatchObject({ status: 'done', applied: 4 });
  });

  it('stops a run at the failing migration: the ones before it stay applied, the ones after it do not run', async () => {
    // The same folder as the test above ends with (0004 repaired), then three more in one run.
    const base = {
      '0001_create.sql': `${sql.createTable('contract_a')};\n${sql.insert('contract_a', 1)};\n`,
      '0002_empty.sql': '-- only a comment\n',
      '0003_index.sql': `${sql.createIndex('contract_a')};\n`,
      '0004_fails.sql': `${sql.createTable('contract_b')};\n${sql.insert('contract_b', 1)};\n${sql.insert('contract_b', 3)};\n${sql.insert('contract_b', 2)};\n`,
    };
    const files = {
      ...base,
      '0005_more.sql': `${sql.createTable('contract_c')};\n${sql.insert('contract_c', 1)};\n`,
      '0006_fails.sql': `${sql.createTable('contract_d')};\n${sql.failing};\n`,
      '0007_more.sql': `${sql.createTable('contract_e')};\n`,
    };
    const { result, events } = await runFolder(engine, session, files);
    expect(result.migrations.map((m) => [m.version, m.status])).toEqual([['0005', 'done'], ['0006', 'failed'], ['0007', 'not-run']]);
    expect(result.migrations[1]).toMatchObject({ failedStatement: 1 });
    expect(result.migrations[1]!.error?.message).toContain('statement 2 of 2');
    expect(events.filter((e) => e.type === 'migration-end').map((e) => e.type === 'migration-end' && e.result.version)).toEqual(['0005', '0006']);
    const rows = await session.history.read();
    expect(rows.find((r) => r.version === '0005')).toMatchObject({ status: 'done', applied: 2, total: 2 });
    expect(rows.find((r) => r.version === '0006')).toMatchObject({ status: 'failed', failedStatement: 1 });
    expect(rows.find((r) => r.version === '0007')).toBeUndefined();
    const tables = (await session.introspect()).objects.filter((o) => o.kind === 'table').map((o) => o.name.toLowerCase());
    expect(tables.some((t) => t.endsWith('contract_c'))).toBe(true);
    expect(tables.some((t) => t.endsWith('contract_d'))).toBe(!engine.capabilities.transactionalDdl);
    expect(tables.some((t) => t.endsWith('contract_e'))).toBe(false);
  });

  it('introspects deterministically and dumps DDL without bb\'s own tables', async () => {
    const a = await session.introspect();
    const b = await session.introspect();
    expect(a).toEqual(b);
    expect(a.objects.some((o) => o.kind === (c.indexKind ?? 'index') && o.name.toLowerCase().includes('contract_a_idx'))).toBe(true);
    expect(a.objects.some((o) => o.kind === 'column' && o.name.toLowerCase().endsWith('contract_a.label'))).toBe(true);
    expect(a.objects.some((o) => o.name.toLowerCase().includes('bb_migration_history'))).toBe(false);
    const ddl = session.dump(a);
    expect(ddl).toMatch(/CREATE TABLE .*contract_a/i);
    expect(ddl).not.toMatch(/bb_migration_history/i);
  });
}
