import { describe, expect, it } from 'vitest';
import type { ParsedStatement } from '../../src/engine.js';
import type { StatementFacts } from '../../src/lint/facts.js';
import { classify, head, parseMysql } from './parse.js';
import { splitMysql } from './split.js';

async function parse(sql: string): Promise<ParsedStatement & { facts: StatementFacts }> {
  const [stmt] = splitMysql(sql);
  return (await parseMysql(stmt!)) as ParsedStatement & { facts: StatementFacts };
}

describe('parseMysql', () => {
  it('classifies statements by their leading keywords', async () => {
    const cases: [string, string][] = [
      ['CREATE TABLE t (id int)', 'create-table'],
      ['create temporary table t (id int)', 'create-table'],
      ['ALTER TABLE t ADD COLUMN x int', 'alter-table'],
      ['DROP TABLE IF EXISTS t', 'drop-table'],
      ['CREATE UNIQUE INDEX i ON t (a)', 'create-index'],
      ['DROP INDEX i ON t', 'drop-index'],
      ['INSERT INTO t VALUES (1)', 'insert'],
      ['REPLACE INTO t VALUES (1)', 'insert'],
      ['UPDATE t SET a = 1 WHERE id = 2', 'update'],
      ['DELETE FROM t WHERE id = 1', 'delete'],
      ['SELECT 1', 'select'],
      ["SET sql_mode = ''", 'set'],
      ['SET NAMES utf8mb4', 'set'],
      ['START TRANSACTION', 'transaction'],
      ['COMMIT', 'transaction'],
      ['RENAME TABLE a TO b', 'other'],
      ['/*!40101 SET NAMES utf8 */;', 'set'],
    ];
    for (const [sql, kind] of cases) {
      const p = await parse(sql);
      expect([sql, p.kind, p.error]).toEqual([sql, kind, undefined]);
      expect(classify(splitMysql(sql)[0]!).kind).toBe(kind);
    }
  });

  it('gives CREATE TABLE facts: columns, constraints, options', async () => {
    const p = await parse("CREATE TABLE IF NOT EXISTS `shop`.`users` (id bigint NOT NULL AUTO_INCREMENT, email varchar(255) NOT NULL DEFAULT '' COMMENT 'login', ok bool, note text NULL, PRIMARY KEY (id), UNIQUE KEY users_email (email), KEY by_ok (ok), CONSTRAINT fk FOREIGN KEY (id) REFERENCES accounts (id) ON DELETE CASCADE) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
    expect(p.kind).toBe('create-table');
    const ct = p.facts.createTable!;
    expect(ct.table).toMatchObject({ schema: 'shop', name: 'users' });
    expect(ct.ifNotExists).toBe(true);
    expect(ct.columns.map((c) => [c.name, c.type, c.typeArgs, c.notNull])).toEqual([['id', 'bigint', [], true], ['email', 'varchar', [255], true], ['ok', 'tinyint', [1], false], ['note', 'text', [], false]]);
    expect(ct.columns[0]!.autoIncrement).toBe(true);
    expect(ct.columns[1]).toMatchObject({ default: "''", comment: 'login' });
    expect(ct.columns[3]!.explicitNull).toBe(true);
    expect(ct.constraints).toEqual([
      { type: 'primary-key', columns: ['id'] },
      { type: 'unique', columns: ['email'], name: 'users_email' },
      { type: 'foreign-key', columns: ['id'], name: 'fk', references: { table: { name: 'accounts' }, columns: ['id'], onDelete: 'cascade' } },
    ]);
    expect(ct.options).toMatchObject({ ENGINE: 'INNODB' });
    expect(p.facts.tables).toMatchObject([{ schema: 'shop', name: 'users' }]);
  });

  it('gives ALTER TABLE actions', async () => {
    const p = await parse('ALTER TABLE t ADD COLUMN b int NOT NULL, DROP COLUMN c, MODIFY d varchar(20) NULL, CHANGE e f datetime, ADD INDEX ix (b), ADD UNIQUE KEY uk (d), DROP INDEX old, ADD CONSTRAINT fk2 FOREIGN KEY (b) REFERENCES c (id), RENAME TO t2');
    expect(p.facts.alterTable!.table).toMatchObject({ name: 't' });
    expect(p.facts.alterTable!.actions.map((a) => a.type)).toEqual(['add-column', 'drop-column', 'modify-column', 'change-column', 'add-index', 'add-constraint', 'drop-index', 'add-constraint', 'rename-table']);
    expect(p.facts.alterTable!.actions[3]).toMatchObject({ type: 'change-column', from: 'e', column: { name: 'f', type: 'datetime' } });
  });

  it('places names at their offsets: backquoted, any case, whole words only, and in non-ASCII text', async () => {
    const alter = (await parse('ALTER TABLE `Users` ADD COLUMN email_x int, ADD COLUMN EMAIL int')).facts.alterTable!;
    expect(alter.table.at).toBe(12); // the backquote
    expect(alter.actions.map((a) => (a as { at?: number }).at)).toEqual([31, 55]); // EMAIL, not the email in email_x
    const create = (await parse('CREATE TABLE naïve (`ünï` int, b int)')).facts.createTable!;
    expect([create.table.at, ...create.columns.map((c) => c.at)]).toEqual([13, 20, 31]);
    const prefix = (await parse('CREATE TABLE t (a_1 int, a int)')).facts.createTable!;
    expect(prefix.columns.map((c) => c.at)).toEqual([16, 25]); // a is not the start of a_1
  });

  it('gives index, DML, drop and rename facts', async () => {
    expect((await parse('CREATE FULLTEXT INDEX ft ON docs (body)')).facts.createIndex).toMatchObject({ name: 'ft', table: { name: 'docs' }, columns: ['body'], unique: false, method: 'FULLTEXT' });
    expect((await parse('CREATE UNIQUE INDEX u ON t (a, b)')).facts.createIndex).toMatchObject({ unique: true, columns: ['a', 'b'] });
    expect((await parse('DELETE FROM t')).facts.dml).toEqual({ table: { name: 't', at: 12 }, hasWhere: false });
    expect((await parse('UPDATE t SET a = 1 WHERE b = 2 LIMIT 5')).facts.dml).toMatchObject({ table: { name: 't' }, hasWhere: true, hasLimit: true });
    expect((await parse('INSERT INTO t (a, b) VALUES (1, 2), (3, 4)')).facts.dml).toMatchObject({ columns: ['a', 'b'], rows: 2 });
    expect((await parse('DROP TABLE IF EXISTS a, b')).facts.dropTable).toEqual({ tables: [{ name: 'a', at: 21 }, { name: 'b', at: 24 }], cascade: false, ifExists: true });
    expect((await parse('RENAME TABLE a TO b')).facts.renameTable).toEqual({ from: { name: 'a' }, to: { name: 'b' } });
  });

  it('gives offsets (at) of tables, columns and ALTER actions in the statement text', async () => {
    const sql = '-- lead\nCREATE TABLE `orders` (\n  id int,\n  `order` varchar(10),\n  ordered_at datetime\n)';
    const p = await parse(sql);
    const text = p.text;
    const ct = p.facts.createTable!;
    expect(text.slice(ct.table.at!, ct.table.at! + 8)).toBe('`orders`');
    expect(ct.columns.map((c) => text.slice(c.at!, c.at! + c.name.length + 2))).toEqual(['id i', '`order`', 'ordered_at d']);
    const a = await parse('ALTER TABLE t ADD COLUMN email varchar(9) NOT NULL, DROP COLUMN legacy, MODIFY note text');
    expect(a.facts.alterTable!.actions.map((x) => a.text.slice(x.at!, x.at! + 6))).toEqual(['email ', 'legacy', 'note t']);
    const d = await parse('DELETE FROM audit_log');
    expect(d.facts.dml!.table!.at).toBe(12);
  });

  it('classifies stored programs without reading their bodies', async () => {
    const proc = await parse('CREATE DEFINER=`root`@`%` PROCEDURE `p`(x int)\nBEGIN\n  DECLARE y INT;\n  SELECT x INTO y;\nEND;');
    expect(proc).toMatchObject({ kind: 'other', facts: { create: { object: 'procedure', name: { name: 'p' } } } });
    expect(proc.error).toBeUndefined();
    expect((await parse('CREATE TRIGGER tr BEFORE INSERT ON `orders` FOR EACH ROW SET NEW.x = 1;')).facts).toEqual({ create: { object: 'trigger', name: { name: 'tr' } }, tables: [{ name: 'orders' }] });
    expect((await parse('CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO DELETE FROM t;')).facts.create).toEqual({ object: 'event', name: { name: 'e' } });
    expect((await parse('CREATE FUNCTION f() RETURNS int RETURN 1;')).facts.create).toEqual({ object: 'function', name: { name: 'f' } });
    expect((await parse('DROP PROCEDURE IF EXISTS db.p;')).facts.drop).toEqual({ object: 'procedure', names: [{ schema: 'db', name: 'p' }], cascade: false });
  });

  it('marks what the parser cannot read as unparsed, with the message, the offset and the table it names', async () => {
    const p = await parse('-- note\nCREATE TABLE t (id int, x frobnicate(3))');
    expect(p.kind).toBe('unparsed');
    expect(p.error).toMatch(/Expected/);
    expect(p.errorOffset).toBeGreaterThan(20);
    expect(p.facts.tables).toEqual([{ name: 't' }]);
    expect((await parse('GARBAGE here')).kind).toBe('unparsed');
  });

  it('reads BOOL and VARCHAR(n) BINARY, which node-sql-parser misses, without a syntax error', async () => {
    expect((await parse('ALTER TABLE t ADD COLUMN forced bool NOT NULL DEFAULT false')).kind).toBe('alter-table');
    expect((await parse('ALTER TABLE t MODIFY COLUMN code VARCHAR(32) BINARY')).kind).toBe('alter-table');
  });

  it('never fails on the whole kratos MySQL corpus (526 statements)', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = join(import.meta.dirname, '../../../shared/corpora/mysql/kratos');
    const kinds = new Map<string, number>();
    for (const f of readdirSync(dir)) {
      for (const s of splitMysql(readFileSync(join(dir, f), 'utf8'))) {
        const p = await parseMysql(s);
        expect([f, p.kind, p.error]).toEqual([f, p.kind, undefined]);
        kinds.set(p.kind, (kinds.get(p.kind) ?? 0) + 1);
      }
    }
    expect(kinds.get('unparsed')).toBeUndefined();
    expect(kinds.get('create-table')).toBeGreaterThan(25);
    expect(kinds.get('alter-table')).toBeGreaterThan(25);
  });

  it('head() skips comments and unwraps version comments', () => {
    expect(head('-- a\n# b\n/* c */ SELECT 1')).toBe('SELECT 1');
    expect(head('/*!40101 SET NAMES utf8 */;')).toBe('SET NAMES utf8 ');
    expect(head('/*+ hint */ SELECT 1')).toBe('/*+ hint */ SELECT 1');
  });
});

describe('parseMysql facts for the lint rules', () => {
  it('an INSERT without a column list gives dml.columns []; INSERT … SET names its columns', async () => {
    expect((await parse("INSERT INTO r VALUES (1, 'a')")).facts.dml?.columns).toEqual([]);
    expect((await parse('INSERT INTO r SELECT id FROM s')).facts.dml?.columns).toEqual([]);
    expect((await parse('INSERT INTO r (id) VALUES (1)')).facts.dml?.columns).toEqual(['id']);
    expect((await parse('INSERT INTO r SET id = 1, name = 2')).facts.dml?.columns).toEqual(['id', 'name']);
  });

  it('transaction statements say which', async () => {
    expect((await parse('BEGIN')).facts.transaction).toBe('begin');
    expect((await parse('START TRANSACTION')).facts.transaction).toBe('begin');
    expect((await parse('COMMIT')).facts.transaction).toBe('commit');
    expect((await parse('ROLLBACK')).facts.transaction).toBe('rollback');
    expect((await parse('ROLLBACK TO SAVEPOINT a')).facts.transaction).toBe('savepoint');
  });
});

describe('parseMysql partitioning and drops', () => {
  it('reads CREATE TABLE … PARTITION BY (partitioned) and accepts partition maintenance without a syntax error', async () => {
    const ct = await parse('CREATE TABLE e (id int PRIMARY KEY) PARTITION BY RANGE (id) (PARTITION p0 VALUES LESS THAN (10))');
    expect(ct.kind).toBe('create-table');
    expect(ct.facts.createTable?.partitioned).toBe(true);
    expect(ct.facts.createTable?.columns.map((c) => c.name)).toEqual(['id']);
    const alter = await parse('ALTER TABLE e REORGANIZE PARTITION p0 INTO (PARTITION p0 VALUES LESS THAN (5), PARTITION p1 VALUES LESS THAN (10))');
    expect(alter.kind).toBe('alter-table');
    expect((alter as { error?: string }).error).toBeUndefined();
  });

  it('DROP TABLE names point at each table', async () => {
    const d = await parse('DROP TABLE a, `b`');
    expect(d.facts.dropTable?.tables.map((t) => [t.name, t.at])).toEqual([['a', 11], ['b', 14]]);
  });
});

describe('parseMysql TRUNCATE', () => {
  it('names the truncated table', async () => {
    expect((await parse('TRUNCATE TABLE `app`.`sessions`')).facts.truncate?.tables).toEqual([{ schema: 'app', name: 'sessions' }]);
  });
});

describe('parseMysql databases', () => {
  it('names the database of CREATE/DROP DATABASE|SCHEMA, quoted or not', async () => {
    expect((await parse('DROP SCHEMA IF EXISTS `Shop`')).facts.drop).toEqual({ object: 'schema', names: [{ name: 'Shop' }], cascade: false });
    expect((await parse('DROP DATABASE shop')).facts.drop).toEqual({ object: 'database', names: [{ name: 'shop' }], cascade: false });
    expect((await parse('CREATE DATABASE IF NOT EXISTS shop')).facts.create).toEqual({ object: 'database', name: { name: 'shop' } });
  });
});

describe('parseMysql valid statements node-sql-parser misses', () => {
  it('reads <=> and accepts RENAME INDEX / ALTER INDEX without a syntax error', async () => {
    const nullSafe = await parse('UPDATE t SET a = 1 WHERE b <=> NULL OR c <=> d');
    expect(nullSafe.kind).toBe('update');
    expect(nullSafe.facts.dml?.hasWhere).toBe(true);
    for (const sql of ['ALTER TABLE t RENAME INDEX a TO b', 'ALTER TABLE t ALTER INDEX a INVISIBLE']) {
      const p = await parse(sql);
      expect(p.kind, sql).toBe('alter-table');
      expect((p as { error?: string }).error, sql).toBeUndefined();
    }
  });
});

describe('parseMysql ALTER COLUMN defaults and MariaDB IF [NOT] EXISTS', () => {
  it('reads ALTER [COLUMN] c SET DEFAULT / DROP DEFAULT beside other actions', async () => {
    const p = await parse("ALTER TABLE t ADD COLUMN b int, ALTER COLUMN a SET DEFAULT 'x', ALTER `c` DROP DEFAULT");
    expect(p.kind).toBe('alter-table');
    expect((p as { error?: string }).error).toBeUndefined();
    expect(p.facts.alterTable?.actions.map((a) => a.type)).toEqual(['add-column', 'set-default', 'drop-default']);
    expect(p.facts.alterTable?.actions[1]).toMatchObject({ column: 'a', default: "'x'" });
  });

  it('reads MariaDB ADD COLUMN IF NOT EXISTS, DROP COLUMN IF EXISTS and CREATE OR REPLACE TABLE', async () => {
    expect((await parse('ALTER TABLE t ADD COLUMN IF NOT EXISTS a int, DROP COLUMN IF EXISTS b')).facts.alterTable?.actions.map((a) => a.type)).toEqual(['add-column', 'drop-column']);
    const ct = await parse('CREATE OR REPLACE TABLE t (id int PRIMARY KEY)');
    expect(ct.kind).toBe('create-table');
    expect(ct.facts.createTable?.columns.map((c) => c.name)).toEqual(['id']);
  });
});

describe('parseMysql TiDB syntax (TiDB reuses this adapter)', () => {
  it('reads AUTO_RANDOM, CLUSTERED and TiDB table options; TiDB statements are not syntax errors', async () => {
    const ct = await parse('CREATE TABLE t (id bigint AUTO_RANDOM(5), a int, PRIMARY KEY (id) /*T![clustered_index] CLUSTERED */) SHARD_ROW_ID_BITS = 4');
    expect(ct.kind).toBe('create-table');
    expect((ct as { error?: string }).error).toBeUndefined();
    expect(ct.facts.createTable?.columns[0]).toMatchObject({ name: 'id', autoIncrement: true });
    expect(ct.facts.createTable?.constraints.map((c) => c.type)).toEqual(['primary-key']);
    for (const sql of ['ALTER TABLE t SET TIFLASH REPLICA 1', 'SPLIT TABLE t BETWEEN (0) AND (100) REGIONS 4', 'ADMIN CHECK TABLE t', 'ALTER TABLE t NOCACHE;', 'CREATE TABLE u (id int PRIMARY KEY NONCLUSTERED)']) {
      expect((await parse(sql) as { error?: string }).error, sql).toBeUndefined();
    }
  });
});

describe('parseMysql mysqldump and MySQL 8 statements', () => {
  it('accepts ALTER TABLE … DISABLE/ENABLE KEYS and the INSERT row alias', async () => {
    expect((await parse('/*!40000 ALTER TABLE `users` DISABLE KEYS */;') as { error?: string }).error).toBeUndefined();
    const ins = await parse("INSERT INTO users (id, email) VALUES (2, 'x') AS new ON DUPLICATE KEY UPDATE email = new.email");
    expect(ins.kind).toBe('insert');
    expect((ins as { error?: string }).error).toBeUndefined();
    expect(ins.facts.dml?.columns).toEqual(['id', 'email']);
  });
});

describe('parseMysql more valid MySQL the parser misses', () => {
  it('reads ADD COLUMN (a, b), INVISIBLE columns and TABLESPACE; accepts CHECKSUM TABLE, SET TRANSACTION, DELETE … USING, ALTER CHECK', async () => {
    const add = await parse("ALTER TABLE t ADD COLUMN (a int, b varchar(10) DEFAULT 'x,y')");
    expect(add.facts.alterTable?.actions.map((a) => (a.type === 'add-column' ? a.column.name : a.type))).toEqual(['a', 'b']);
    expect((await parse('ALTER TABLE t ADD COLUMN a int INVISIBLE')).facts.alterTable?.actions.map((a) => a.type)).toEqual(['add-column']);
    expect((await parse('CREATE TABLE t (a int) TABLESPACE ts1')).facts.createTable?.columns.map((c) => c.name)).toEqual(['a']);
    for (const sql of ['CHECKSUM TABLE t', 'SET TRANSACTION ISOLATION LEVEL READ COMMITTED', 'DELETE FROM a USING t AS a JOIN u ON a.id = u.id', 'ALTER TABLE t ALTER CHECK c NOT ENFORCED']) {
      expect((await parse(sql) as { error?: string }).error, sql).toBeUndefined();
    }
  });
});

describe('parseMysql MariaDB syntax', () => {
  it('reads system versioning, ALGORITHM=NOCOPY, WAIT/NOWAIT, CREATE INDEX IF NOT EXISTS and MariaDB table options', async () => {
    for (const sql of ['CREATE TABLE t (id int PRIMARY KEY) WITH SYSTEM VERSIONING', 'ALTER TABLE t ADD COLUMN a int, ALGORITHM=NOCOPY', 'ALTER TABLE t WAIT 10 ADD COLUMN a int', 'ALTER TABLE t NOWAIT ADD COLUMN a int', 'CREATE TABLE t (a int) ENGINE=InnoDB PAGE_COMPRESSED=1']) {
      const p = await parse(sql);
      expect((p as { error?: string }).error, sql).toBeUndefined();
      expect(p.facts.tables?.[0]?.name, sql).toBe('t');
    }
    const ix = await parse('CREATE INDEX IF NOT EXISTS i ON t (a)');
    expect(ix.facts.createIndex).toMatchObject({ name: 'i', columns: ['a'], ifNotExists: true });
  });
});

describe('parseMysql MariaDB uuid/inet types', () => {
  it('reads uuid, inet4 and inet6 columns and keeps their type name', async () => {
    const ct = await parse('CREATE TABLE t (id uuid NOT NULL PRIMARY KEY, `ip` inet6, uuid_text varchar(36) DEFAULT UUID())');
    expect((ct as { error?: string }).error).toBeUndefined();
    expect(ct.facts.createTable?.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['id:uuid', 'ip:inet6', 'uuid_text:varchar']);
    const at = await parse('ALTER TABLE t ADD COLUMN addr inet4 NULL, MODIFY COLUMN id uuid NOT NULL');
    expect(at.facts.alterTable?.actions.map((a) => (a.type === 'add-column' || a.type === 'modify-column' ? `${a.column.name}:${a.column.type}` : a.type))).toEqual(['addr:inet4', 'id:uuid']);
  });
});

describe('parseMysql literal INSERTs (literal-insert.ts)', () => {
  /** The statement as the parser reads it alone: spaces before VALUES make its header one not seen before. */
  let seen = 0;
  const alone = (sql: string): string => sql.replace(/\b(VALUES?)(\s*\()/i, `${' '.repeat(++seen)}$1$2`);

  it('gives a statement whose header the parser has read the facts and tree the parser gives it', async () => {
    const headers = ['INSERT INTO t (a, b) VALUES', 'INSERT INTO `db`.`my t` (`a b`, c) VALUES', 'insert ignore into t values', 'REPLACE INTO t VALUES', 'INSERT INTO s.t(a,b)\n  VALUES'];
    const rows = ["(1, 'x')", "(2, 'y'), (3, NULL)", "(-4.5e2, 'it''s'), (TRUE, 'a\\'b');", "(5., ''),(false,'(,)')"];
    const pairs: [string, string][] = headers.flatMap((h) => rows.slice(1).map((r): [string, string] => [`${h} ${rows[0]}`, `${h} ${r}`]));
    pairs.push(['INSERT INTO t (a) VALUES (1)', '/* seed */ INSERT INTO t (a) VALUES (2), (3)']);
    for (const [first, second] of pairs) {
      await parse(first);
      const reused = await parse(second);
      const parsed = await parse(alone(second));
      expect(Object.hasOwn(reused, 'ast'), second).toBe(false); // its facts came from the first statement's header
      expect(Object.hasOwn(parsed, 'ast'), second).toBe(true);
      expect(reused.kind, second).toBe(parsed.kind);
      expect(reused.facts, second).toEqual(parsed.facts);
      expect(reused.facts.dml?.rows, second).toBe(second.split('),').length);
      expect(JSON.stringify(reused.ast), second).toBe(JSON.stringify(parsed.ast));
    }
  });

  it('reads INSERT … VALUE (…), the synonym of VALUES that node-sql-parser lacks', async () => {
    for (const sql of ['INSERT INTO t (a) VALUE (1), (2)', 'REPLACE INTO t VALUE (1)']) {
      const p = await parse(sql);
      expect((p as { error?: string }).error, sql).toBeUndefined();
      expect(p.facts.dml?.table?.name, sql).toBe('t');
    }
    expect((await parse('INSERT INTO t (a) VALUE (1), (2)')).facts.dml?.rows).toBe(2);
  });

  it('still reports a syntax error in a statement with a known header', async () => {
    await parse('INSERT INTO t (a) VALUES (1)');
    expect((await parse('INSERT INTO t (a) VALUES (1,, 2)')).kind).toBe('unparsed');
  });
});
