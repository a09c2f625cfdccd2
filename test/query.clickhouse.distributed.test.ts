/**
 * bb query on ClickHouse (chdb) through tables that read other tables' rows: a Distributed, Merge and
 * Buffer table, the merge() table function, and a dictionary (as a table and through a
 * Dictionary-engine table). The masking rules name only the tables underneath, never the
 * table the query reads, and still mask its columns; with the analyzer and without it (a server
 * that cannot explain the query: masked when the query touches a masked column).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'chdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoEmail, queryRows } from './support/query.js';

// chdb has no cluster of its own and no TCP server. A one-shard cluster whose replica is localhost on
// the server's own tcp_port counts as local, so the Distributed table reads the local table in-process.
const CLUSTER_CONFIG = `<clickhouse>
  <tcp_port>9000</tcp_port>
  <remote_servers><bb_local><shard><replica><host>localhost</host><port>9000</port></replica></shard></bb_local></remote_servers>
</clickhouse>
`;

const SETUP = [
  'CREATE TABLE people_local (id UInt32, name String, email String, phone String) ENGINE = MergeTree ORDER BY id',
  "INSERT INTO people_local VALUES (1, 'Ada', 'ada@example.com', '+44 20 7946 0018'), (2, 'Bob', 'bob@example.org', '+1 555 0100')",
  'CREATE TABLE people AS people_local ENGINE = Distributed(bb_local, currentDatabase(), people_local)',
  'CREATE TABLE log_2024 (id UInt32, email String, note String) ENGINE = MergeTree ORDER BY id',
  'CREATE TABLE log_2025 AS log_2024',
  "INSERT INTO log_2024 VALUES (1, 'ada@example.com', 'first')",
  "INSERT INTO log_2025 VALUES (2, 'bob@example.org', 'second')",
  "CREATE TABLE logs AS log_2024 ENGINE = Merge(currentDatabase(), '^log_20')",
  'CREATE TABLE contacts (id UInt32, name String, email String) ENGINE = MergeTree ORDER BY id',
  "INSERT INTO contacts VALUES (1, 'Ada', 'ada@example.com')",
  // Flushed only after an hour: Bob's row stays in the buffer while the tests read it.
  'CREATE TABLE contacts_buffer AS contacts ENGINE = Buffer(currentDatabase(), contacts, 1, 3600, 3600, 1000000, 1000000, 100000000, 100000000)',
  "INSERT INTO contacts_buffer VALUES (2, 'Bob', 'bob@example.org')",
  "CREATE DICTIONARY people_dict (id UInt64, name String, email String) PRIMARY KEY id SOURCE(CLICKHOUSE(TABLE 'people_local')) LAYOUT(FLAT()) LIFETIME(0)",
  'CREATE TABLE people_by_dict (id UInt64, name String, email String) ENGINE = Dictionary(people_dict)',
  // A dictionary filled by a query: bb cannot say which table columns it holds.
  "CREATE DICTIONARY people_query_dict (id UInt64, name String, email String) PRIMARY KEY id SOURCE(CLICKHOUSE(QUERY 'SELECT id, name, email FROM people_local')) LAYOUT(FLAT()) LIFETIME(0)",
];

const tmp = mkdtempSync(join(tmpdir(), 'bbt-query-ch-dist-'));
const dir = join(tmp, 'chdb');
const config = join(tmp, 'bb.config.yaml');
let chdb: Session | undefined;

beforeAll(async () => {
  writeFileSync(join(tmp, 'cluster.xml'), CLUSTER_CONFIG);
  // The first connection to a folder starts chdb's engine with its arguments; bb's own connections
  // to the same folder (chdb://) share that engine, cluster included.
  chdb = new Session(dir, { connectionArgs: [`--config-file=${join(tmp, 'cluster.xml')}`] });
  for (const sql of SETUP) await chdb.queryAsync(sql);
  writeFileSync(config, `databases:
  app:
    engine: clickhouse
    migrations: migrations
    masking:
      - { column: people_local.email, method: full }
      - { column: people_local.phone, method: partial, keep: 4 }
      - { column: log_2024.email, method: partial, keep: 4 }
      - { column: log_2024.note, method: hash }
      - { column: log_2025.note, method: partial }
      - { column: contacts.email, method: partial, keep: 4 }
audit: { file: audit.jsonl }
environments:
  - name: dev
    targets: { app: "chdb://${dir}" }
  - name: no-analyzer
    targets: { app: { url: "chdb://${dir}", session: { enable_analyzer: 0 } } }
`);
}, 60_000);

afterAll(() => {
  chdb?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('bb query on ClickHouse: tables that read other tables\' rows', () => {
  const run = (sql: string, env = 'dev') => queryRows(config, sql, { env });

  it('masks a Distributed table\'s column by the rule on its local table, through an alias and SELECT *; other columns come back as they are', async () => {
    let r = await run('SELECT email AS contact, name FROM people ORDER BY id');
    expect(r.rows).toEqual([{ contact: '***', name: 'Ada' }, { contact: '***', name: 'Bob' }]);
    expect(r.masked).toEqual(['contact']);
    r = await run('SELECT * FROM people ORDER BY id');
    expectNoEmail(r.rows);
    expect(r.rows).toEqual([
      { id: 1, name: 'Ada', email: '***', phone: '************0018' },
      { id: 2, name: 'Bob', email: '***', phone: '*******0100' },
    ]);
    expect(r.masked).toEqual(['email', 'phone']);
    r = await run('SELECT id, name FROM people ORDER BY id');
    expect(r.rows).toEqual([{ id: 1, name: 'Ada' }, { id: 2, name: 'Bob' }]);
    expect(r.masked).toEqual([]);
  });

  it('masks a Merge table\'s column by the rule on any table it reads, and in full where their rules differ', async () => {
    // log_2024.email is partially masked and log_2025.email not at all: every row gets log_2024's rule.
    let r = await run('SELECT email AS contact, id FROM logs ORDER BY id');
    expectNoEmail(r.rows);
    expect(r.rows).toEqual([{ contact: '***********.com', id: 1 }, { contact: '***********.org', id: 2 }]);
    expect(r.masked).toEqual(['contact']);
    // note: hash on log_2024, partial on log_2025.
    r = await run('SELECT * FROM logs ORDER BY id');
    expectNoEmail(r.rows);
    expect(r.rows).toEqual([{ id: 1, email: '***********.com', note: '***' }, { id: 2, email: '***********.org', note: '***' }]);
    expect(r.masked).toEqual(['email', 'note']);
    r = await run('SELECT id FROM logs ORDER BY id');
    expect(r.rows).toEqual([{ id: 1 }, { id: 2 }]);
    expect(r.masked).toEqual([]);
  });

  it('masks a Buffer table\'s column by the rule on the table it flushes to, its own rows and that table\'s alike', async () => {
    let r = await run('SELECT email AS contact, name FROM contacts_buffer ORDER BY id');
    expectNoEmail(r.rows);
    expect(r.rows).toEqual([{ contact: '***********.com', name: 'Ada' }, { contact: '***********.org', name: 'Bob' }]);
    expect(r.masked).toEqual(['contact']);
    r = await run('SELECT * FROM contacts_buffer ORDER BY id');
    expect(r.rows).toEqual([{ id: 1, name: 'Ada', email: '***********.com' }, { id: 2, name: 'Bob', email: '***********.org' }]);
    expect(r.masked).toEqual(['email']);
  });

  it('masks a column read through merge() by the rule on the tables it reads; other columns come back as they are', async () => {
    for (const from of ["merge(currentDatabase(), '^log_20')", "merge('^log_20')", "merge(REGEXP('^def'), '^log_20')"]) {
      let r = await run(`SELECT email AS contact, id FROM ${from} ORDER BY id`);
      expectNoEmail(r.rows);
      expect(r.rows, from).toEqual([{ contact: '***********.com', id: 1 }, { contact: '***********.org', id: 2 }]);
      expect(r.masked, from).toEqual(['contact']);
      r = await run(`SELECT * FROM ${from} ORDER BY id`);
      expect(r.rows, from).toEqual([{ id: 1, email: '***********.com', note: '***' }, { id: 2, email: '***********.org', note: '***' }]);
      expect(r.masked, from).toEqual(['email', 'note']);
      r = await run(`SELECT id FROM ${from} ORDER BY id`);
      expect(r.rows, from).toEqual([{ id: 1 }, { id: 2 }]);
      expect(r.masked, from).toEqual([]);
    }
  });

  // dictionary() is refused by readonly = 1, as loop() is: bb query never runs it.
  it('masks a dictionary\'s column by the rule on its source table, read as a table and through a Dictionary table', async () => {
    for (const from of ['people_dict', 'people_by_dict']) {
      let r = await run(`SELECT email AS contact, name FROM ${from} ORDER BY id`);
      expect(r.rows, from).toEqual([{ contact: '***', name: 'Ada' }, { contact: '***', name: 'Bob' }]);
      expect(r.masked, from).toEqual(['contact']);
      r = await run(`SELECT * FROM ${from} ORDER BY id`);
      expectNoEmail(r.rows);
      // UInt64, the dictionary's key, comes back as a string.
      expect(r.rows, from).toEqual([{ id: '1', name: 'Ada', email: '***' }, { id: '2', name: 'Bob', email: '***' }]);
      expect(r.masked, from).toEqual(['email']);
    }
  });

  it('masks every column of a dictionary filled by a query, which bb cannot trace', async () => {
    const r = await run('SELECT id, name FROM people_query_dict ORDER BY id');
    expect(r.rows).toEqual([{ id: '***', name: '***' }, { id: '***', name: '***' }]);
  });

  it('without the analyzer, counts a column of the tables underneath as touched: the untraced columns are masked in full', async () => {
    for (const sql of ['SELECT email FROM people ORDER BY id', 'SELECT * FROM logs ORDER BY id', 'SELECT email FROM contacts_buffer ORDER BY id', 'SELECT * FROM people_dict ORDER BY id', 'SELECT * FROM people_by_dict ORDER BY id']) {
      const r = await run(sql, 'no-analyzer');
      expectNoEmail(r.rows);
      expect(r.masked, sql).toEqual(Object.keys(r.rows[0]!));
    }
  });
});
