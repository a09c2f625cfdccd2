import { describe, expect, it } from 'vitest';
import { dictionarySource, Tracer, underlying, type Lookup } from './trace.js';

describe('underlying (a Distributed, Merge, Buffer or Dictionary table\'s engine_full)', () => {
  it('names the table a Distributed table reads, whatever follows it', () => {
    expect(underlying("Distributed('bb_local', 'other', 'we.ird\\'', rand())")).toEqual({ kind: 'table', database: 'other', table: "we.ird'" });
    expect(underlying("Distributed('c', 'db', 'events_local', cityHash64(id), 'default') SETTINGS fsync_after_insert = 0")).toEqual({ kind: 'table', database: 'db', table: 'events_local' });
    expect(underlying('Distributed(c, db, `Events`)')).toEqual({ kind: 'table', database: 'db', table: 'Events' });
  });

  it('reads a Merge table\'s database (or its regular expression) and its tables\' regular expression', () => {
    expect(underlying("Merge('default', '^events_')")).toEqual({ kind: 'match', database: 'default', databaseIsRegexp: false, tableRegexp: '^events_' });
    expect(underlying("Merge(REGEXP('^shard_\\\\d+$'), 'x\\\\.y')")).toEqual({ kind: 'match', database: '^shard_\\d+$', databaseIsRegexp: true, tableRegexp: 'x\\.y' });
  });

  it('names the table a Buffer table flushes to, and none when it flushes nowhere', () => {
    expect(underlying("Buffer('db', 'events', 1, 10, 100, 10000, 1000000, 10000000, 100000000)")).toEqual({ kind: 'table', database: 'db', table: 'events' });
    expect(underlying("Buffer('default', '', 1, 10, 100, 10000, 1000000, 10000000, 100000000)")).toEqual({ kind: 'own' });
  });

  it('names the dictionary a Dictionary table reads as written (the server resolves it at query time)', () => {
    expect(underlying("Dictionary('db.events_dict')")).toEqual({ kind: 'dictionary', name: 'db.events_dict' });
    expect(underlying("Dictionary('events_dict')")).toEqual({ kind: 'dictionary', name: 'events_dict' });
  });

  it('gives nothing for other engines and for arguments that are not names', () => {
    expect(underlying('MergeTree ORDER BY id SETTINGS index_granularity = 8192')).toBeUndefined();
    expect(underlying("Distributed('c', currentDatabase(), 'events_local')")).toBeUndefined();
    expect(underlying("Distributed('c', 'db')")).toBeUndefined();
    expect(underlying("Merge('default')")).toBeUndefined();
    expect(underlying("Buffer(currentDatabase(), 'events', 1)")).toBeUndefined();
    expect(underlying('')).toBeUndefined();
  });
});

/** EXPLAIN QUERY TREE of `SELECT email FROM <table>`, as the analyzer prints it. */
const selectEmailFrom = (table: string): string[] => [
  'QUERY id: 0',
  '  PROJECTION COLUMNS',
  '    email String',
  '  PROJECTION',
  '    LIST id: 1, nodes: 1',
  '      COLUMN id: 2, column_name: email, result_type: String, source_id: 3',
  '  JOIN TREE',
  `    TABLE id: 3, alias: __table1, table_name: ${table}`,
];

describe('Tracer through a Distributed table', () => {
  const tree = selectEmailFrom('default.events');
  /** A catalog with `default.events` = Distributed over `engineFull`'s table, and the tables in `tables`. */
  const catalog = (engineFull: string, tables: Record<string, string>): Lookup => async <R>(sql: string, params: readonly unknown[]) => {
    if (sql.startsWith('EXPLAIN QUERY TREE')) return tree.map((explain) => ({ explain })) as R[];
    if (sql.startsWith('SELECT engine, as_select, engine_full, create_table_query FROM system.tables')) {
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

describe('dictionarySource (a dictionary\'s CREATE DICTIONARY)', () => {
  const create = (source: string, columns = '`id` UInt64, `email` String'): string =>
    `CREATE DICTIONARY app.people_dict (${columns}) PRIMARY KEY id SOURCE(${source}) LIFETIME(MIN 0 MAX 0) LAYOUT(FLAT())`;

  it('names the ClickHouse table it is loaded from, in its own database unless DB says', () => {
    expect(dictionarySource(create("CLICKHOUSE(TABLE 'people')"), 'app')).toEqual({ kind: 'table', database: 'app', table: 'people' });
    expect(dictionarySource(create("CLICKHOUSE(DB 'crm' TABLE 'people' WHERE 'id > 0' USER 'reader' PASSWORD '[HIDDEN]')"), 'app')).toEqual({ kind: 'table', database: 'crm', table: 'people' });
  });

  it('cannot name it for a query, another server, a named collection or an attribute computed by an expression', () => {
    for (const source of ["CLICKHOUSE(QUERY 'SELECT id, email FROM people')", "CLICKHOUSE(HOST 'replica-2' PORT 9000 TABLE 'people')", "CLICKHOUSE(NAME people_source TABLE 'people')"]) {
      expect(dictionarySource(create(source), 'app'), source).toBeUndefined();
    }
    expect(dictionarySource(create("CLICKHOUSE(TABLE 'people')", "`id` UInt64, `email` String EXPRESSION 'lower(contact)'"), 'app')).toBeUndefined();
  });

  it('holds its own rows when loaded from outside ClickHouse', () => {
    expect(dictionarySource(create("MYSQL(HOST 'db' PORT 3306 USER 'u' PASSWORD '[HIDDEN]' DB 'crm' TABLE 'people')"), 'app')).toEqual({ kind: 'own' });
  });
});

describe('Tracer through a Dictionary table', () => {
  const tree = selectEmailFrom('app.people_by_dict');
  const dictionary = "CREATE DICTIONARY crm.people_dict (`id` UInt64, `email` String) PRIMARY KEY id SOURCE(CLICKHOUSE(TABLE 'people')) LIFETIME(0) LAYOUT(FLAT())";
  /** app.people_by_dict = Dictionary(`name`); crm.people_dict loaded from crm.people; the query's current database is crm. */
  const catalog = (name: string, configured: readonly string[] = []): Lookup => async <R>(sql: string, params: readonly unknown[]) => {
    if (sql.startsWith('EXPLAIN QUERY TREE')) return tree.map((explain) => ({ explain })) as R[];
    if (sql.startsWith('SELECT currentDatabase()')) return [{ d: 'crm' }] as R[];
    if (sql.includes('FROM system.dictionaries')) return (configured.includes(String(params[0])) ? [{ name: params[0] }] : []) as R[];
    if (sql.startsWith('SELECT engine, as_select, engine_full, create_table_query FROM system.tables')) {
      const relations: Record<string, object> = {
        'app.people_by_dict': { engine: 'Dictionary', as_select: '', engine_full: `Dictionary('${name}')`, create_table_query: '' },
        'crm.people_dict': { engine: 'Dictionary', as_select: '', engine_full: '', create_table_query: dictionary },
        'crm.people': { engine: 'MergeTree', as_select: '', engine_full: 'MergeTree ORDER BY id', create_table_query: '' },
      };
      const found = relations[`${String(params[0])}.${String(params[1])}`];
      return (found ? [found] : []) as R[];
    }
    return [];
  };
  const traced = [{
    exact: [{ schema: 'crm', table: 'people', column: 'email' }, { schema: 'crm', table: 'people_dict', column: 'email' }, { schema: 'app', table: 'people_by_dict', column: 'email' }],
    derived: [],
  }];

  it('traces its column to the dictionary\'s source table, a name without a database in the query\'s current database', async () => {
    for (const name of ['people_dict', 'crm.people_dict']) {
      expect((await new Tracer(catalog(name)).trace('SELECT email FROM app.people_by_dict'))?.columns, name).toEqual(traced);
    }
  });

  it('leaves the column untraceable when a dictionary from the server\'s configuration files has that name, or the name has two dots', async () => {
    for (const [name, configured] of [['people_dict', ['people_dict']], ['crm.people.dict', []]] as const) {
      const result = await new Tracer(catalog(name, configured)).trace('SELECT email FROM app.people_by_dict');
      expect(result?.columns, name).toEqual([undefined]);
      expect(result?.reads.opaque, name).toBe(true);
    }
  });
});
