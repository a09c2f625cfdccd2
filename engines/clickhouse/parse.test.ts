import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { factsOf, parseClickHouse, spanAt, type ClickHouseFacts } from './parse.js';
import { splitClickHouse } from './split.js';

const LANGFUSE = join(import.meta.dirname, '../../../shared/corpora/clickhouse/langfuse');

function parse(sql: string): { kind: string; facts: ClickHouseFacts; error: string | undefined } {
  const stmt = splitClickHouse(sql)[0]!;
  const p = parseClickHouse(stmt);
  return { kind: p.kind, facts: factsOf(p), error: p.error };
}

describe('parseClickHouse', () => {
  it('reads every statement of the Langfuse corpus without a syntax error', () => {
    const kinds = new Map<string, number>();
    for (const f of readdirSync(LANGFUSE).filter((n) => n.endsWith('.sql'))) {
      for (const s of splitClickHouse(readFileSync(join(LANGFUSE, f), 'utf8'))) {
        const p = parseClickHouse(s);
        expect(p.kind, `${f}: ${p.error}`).not.toBe('unparsed');
        expect(p.error).toBeUndefined();
        const st = factsOf(p).statement;
        kinds.set(st, (kinds.get(st) ?? 0) + 1);
      }
    }
    expect(kinds.get('create-table')).toBeGreaterThan(10);
    expect(kinds.get('create-materialized-view')).toBeGreaterThan(3);
    expect(kinds.get('alter-table')).toBeGreaterThan(10);
  });

  it('extracts a CREATE TABLE: engine, keys, columns with types, indexes', () => {
    const { kind, facts } = parse(readFileSync(join(LANGFUSE, '0001_traces.up.sql'), 'utf8'));
    expect(kind).toBe('create-table');
    expect(facts.table?.name).toBe('traces');
    expect(facts.engine).toMatchObject({ name: 'ReplacingMergeTree', args: 'event_ts, is_deleted', mergeTree: true, replicated: false });
    expect(facts.partitionBy?.text).toBe('toYYYYMM(timestamp)');
    expect(facts.primaryKey?.items).toEqual(['project_id', 'toDate(timestamp)']);
    expect(facts.orderBy?.items).toEqual(['project_id', 'toDate(timestamp)', 'id']);
    expect(facts.orderBy?.identifiers).toEqual(['project_id', 'timestamp', 'id']);
    const cols = Object.fromEntries((facts.columns ?? []).map((c) => [c.name, c]));
    expect(cols.user_id).toMatchObject({ type: 'Nullable(String)', nullable: true });
    expect(cols.metadata).toMatchObject({ type: 'Map(LowCardinality(String), String)', nullable: false });
    expect(cols.input).toMatchObject({ type: 'Nullable(String)', codec: '(ZSTD(3))' });
    expect(cols.created_at).toMatchObject({ type: 'DateTime64(3)', defaultKind: 'DEFAULT', defaultExpr: 'now()' });
    expect(cols.updated_at?.type).toBe('DateTime64(3)');
    expect(facts.indexes?.map((i) => [i.name, i.expr, i.type])).toEqual([
      ['idx_id', 'id', 'bloom_filter(0.001)'],
      ['idx_res_metadata_key', 'mapKeys(metadata)', 'bloom_filter(0.01)'],
      ['idx_res_metadata_value', 'mapValues(metadata)', 'bloom_filter(0.01)'],
    ]);
  });

  it('extracts ON CLUSTER, IF NOT EXISTS, SETTINGS and TTL', () => {
    const { facts } = parse("CREATE TABLE IF NOT EXISTS db.events ON CLUSTER '{cluster}' (id UInt64, ts DateTime) ENGINE = ReplicatedMergeTree ORDER BY id TTL ts + INTERVAL 1 DAY SETTINGS index_granularity = 1024, ttl_only_drop_parts = 1");
    expect(facts).toMatchObject({ statement: 'create-table', ifNotExists: true, table: { database: 'db', name: 'events' }, onCluster: { name: '{cluster}' } });
    expect(facts.engine).toMatchObject({ name: 'ReplicatedMergeTree', replicated: true });
    expect(facts.ttl?.text).toBe('ts + INTERVAL 1 DAY');
    expect(facts.settings).toEqual({ index_granularity: '1024', ttl_only_drop_parts: '1' });
  });

  it('extracts materialized views: TO, POPULATE, FINAL and source tables', () => {
    const mv = parse('CREATE MATERIALIZED VIEW mv TO target AS SELECT a, count() AS c FROM db.src FINAL JOIN other o ON o.id = a GROUP BY a');
    expect(mv.facts).toMatchObject({ statement: 'create-materialized-view', to: { name: 'target' } });
    expect(mv.facts.select?.from.map((t) => `${t.database ?? ''}.${t.name}`)).toEqual(['db.src', '.other']);
    expect(mv.facts.select?.finalAt).toBeGreaterThan(0);
    expect(mv.facts.select?.identifiers).toContain('a');
    const pop = parse('CREATE MATERIALIZED VIEW mv ENGINE = SummingMergeTree ORDER BY a POPULATE AS SELECT a, sum(b) AS b FROM src GROUP BY a');
    expect(pop.facts).toMatchObject({ populate: true, engine: { name: 'SummingMergeTree' }, orderBy: { text: 'a' } });
    expect(pop.facts.select?.finalAt).toBeUndefined();
    expect(parse('CREATE VIEW v AS SELECT * FROM t').facts.select?.star).toBe(true);
  });

  it('extracts ALTER actions and marks mutations', () => {
    const a = parse('ALTER TABLE t ON CLUSTER c ADD COLUMN IF NOT EXISTS env LowCardinality(String) DEFAULT \'default\' AFTER id, DROP COLUMN old, RENAME COLUMN a TO b, MODIFY ORDER BY (id, env)');
    expect(a.kind).toBe('alter-table');
    expect(a.facts.onCluster?.name).toBe('c');
    expect(a.facts.actions?.map((x) => [x.kind, x.name, x.newName])).toEqual([['add-column', 'env', undefined], ['drop-column', 'old', undefined], ['rename-column', 'a', 'b'], ['modify-order-by', undefined, undefined]]);
    expect(a.facts.actions?.[0]?.column).toMatchObject({ type: 'LowCardinality(String)', defaultExpr: "'default'" });
    expect(a.facts.actions?.[3]?.expr?.items).toEqual(['id', 'env']);
    expect(a.facts.mutation).toBeUndefined();
    const u = parse("ALTER TABLE t UPDATE a = 1, b = 'x' WHERE id = 2");
    expect(u.facts.actions?.map((x) => x.kind)).toEqual(['update']);
    expect(u.facts.mutation).toBe('ALTER TABLE … UPDATE');
    expect(parse('ALTER TABLE observations MATERIALIZE INDEX IF EXISTS idx_res_metadata_key').facts.mutation).toBe('ALTER TABLE … MATERIALIZE INDEX');
    const m = parse('ALTER TABLE scores MODIFY COLUMN trace_id Nullable(String) SETTINGS mutations_sync = 2');
    expect(m.facts.settings).toEqual({ mutations_sync: '2' });
    expect(m.facts.actions?.[0]?.column?.type).toBe('Nullable(String)');
    expect(parse('DELETE FROM t WHERE id = 1').facts.mutation).toMatch(/lightweight delete/);
  });

  it('reads DROP, RENAME and INSERT targets', () => {
    expect(parse('DROP TABLE IF EXISTS db.t ON CLUSTER c SYNC').facts).toMatchObject({ statement: 'drop-table', ifExists: true, table: { database: 'db', name: 't' }, onCluster: { name: 'c' } });
    expect(parse('RENAME TABLE a TO b, c TO d').facts.renames?.map((r) => `${r.from.name}>${r.to.name}`)).toEqual(['a>b', 'c>d']);
    expect(parse('INSERT INTO t (a) VALUES (1)').facts).toMatchObject({ statement: 'insert', table: { name: 't' } });
  });

  it('reports broken statements as unparsed, and never throws', () => {
    expect(parse("SELECT 'open").kind).toBe('unparsed');
    expect(parse('CREATE TABLE t (a Int32').kind).toBe('unparsed');
    expect(parse('CREATE TABLE t a Int32)').kind).toBe('unparsed');
    expect(parse('CREAT TABLE t (a Int32)').error).toMatch(/does not start/);
    const text = readFileSync(join(LANGFUSE, '0023_traces_aggregating_merge_trees.up.sql'), 'utf8');
    for (let i = 0; i < text.length; i += 97) {
      const cut = text.slice(i, i + 400);
      expect(() => parseClickHouse({ index: 0, text: cut, span: { line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, length: cut.length }, comments: [] })).not.toThrow();
    }
  });

  it('maps offsets in a statement to file lines and columns', () => {
    const [, second] = splitClickHouse('SELECT 1;\nCREATE TABLE t\n(\n  a Nullable(Int8)\n) ENGINE = MergeTree ORDER BY a');
    const p = parseClickHouse(second!);
    const col = factsOf(p).columns![0]!;
    expect(spanAt(second!, col.at, 1)).toMatchObject({ line: 4, column: 3 });
  });
});
