import { describe, expect, it } from 'vitest';
import { Tracer, underlying, type Lookup } from './trace.js';

describe('underlying (a Distributed or Merge table\'s engine_full)', () => {
  it('names the table a Distributed table reads, whatever follows it', () => {
    expect(underlying("Distributed('bb_local', 'other', 'we.ird\\'', rand())")).toEqual({ kind: 'table', database: 'other', table: "we.ird'" });
    expect(underlying("Distributed('c', 'db', 'events_local', cityHash64(id), 'default') SETTINGS fsync_after_insert = 0")).toEqual({ kind: 'table', database: 'db', table: 'events_local' });
    expect(underlying('Distributed(c, db, `Events`)')).toEqual({ kind: 'table', database: 'db', table: 'Events' });
  });

  it('reads a Merge table\'s database (or its regular expression) and its tables\' regular expression', () => {
    expect(underlying("Merge('default', '^events_')")).toEqual({ kind: 'match', database: 'default', databaseIsRegexp: false, tableRegexp: '^events_' });
    expect(underlying("Merge(REGEXP('^shard_\\\\d+$'), 'x\\\\.y')")).toEqual({ kind: 'match', database: '^shard_\\d+$', databaseIsRegexp: true, tableRegexp: 'x\\.y' });
  });

  it('gives nothing for other engines and for arguments that are not names', () => {
    expect(underlying('MergeTree ORDER BY id SETTINGS index_granularity = 8192')).toBeUndefined();
    expect(underlying("Distributed('c', currentDatabase(), 'events_local')")).toBeUndefined();
    expect(underlying("Distributed('c', 'db')")).toBeUndefined();
    expect(underlying("Merge('default')")).toBeUndefined();
    expect(underlying('')).toBeUndefined();
  });
});

describe('Tracer through a Distributed table', () => {
  const tree = [
    'QUERY id: 0',
    '  PROJECTION COLUMNS',
    '    email String',
    '  PROJECTION',
    '    LIST id: 1, nodes: 1',
    '      COLUMN id: 2, column_name: email, result_type: String, source_id: 3',
    '  JOIN TREE',
    '    TABLE id: 3, alias: __table1, table_name: default.events',
  ];
  /** A catalog with `default.events` = Distributed over `engineFull`'s table, and the tables in `tables`. */
  const catalog = (engineFull: string, tables: Record<string, string>): Lookup => async <R>(sql: string, params: readonly unknown[]) => {
    if (sql.startsWith('EXPLAIN QUERY TREE')) return tree.map((explain) => ({ explain })) as R[];
    if (sql.startsWith('SELECT engine, as_select, engine_full FROM system.tables')) {
      const name = `${String(params[0])}.${String(params[1])}`;
      if (name === 'default.events') return [{ engine: 'Distributed', as_select: '', engine_full: engineFull }] as R[];
      return (tables[name] ? [{ engine: tables[name], as_select: '', engine_full: tables[name] }] : []) as R[];
    }
    return [];
  };

  it('traces its column to its local table\'s, and keeps its own name', async () => {
    const traced = await new Tracer(catalog("Distributed('c', 'db', 'events_local')", { 'db.events_local': 'MergeTree' })).trace('SELECT email FROM events');
    expect(traced?.columns).toEqual([{ exact: [{ schema: 'db', table: 'events_local', column: 'email' }, { schema: 'default', table: 'events', column: 'email' }], derived: [] }]);
    expect(traced?.reads.opaque).toBe(false);
  });

  it('leaves the column untraceable, and the query opaque, when the local table is not on this server or cannot be named', async () => {
    for (const engineFull of ["Distributed('c', 'db', 'events_local')", "Distributed('c', currentDatabase(), 'events_local')"]) {
      const traced = await new Tracer(catalog(engineFull, {})).trace('SELECT email FROM events');
      expect(traced?.columns, engineFull).toEqual([undefined]);
      expect(traced?.reads.opaque, engineFull).toBe(true);
    }
  });
});
