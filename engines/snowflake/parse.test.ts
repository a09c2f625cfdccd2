import { describe, expect, it } from 'vitest';
import type { ParsedStatement } from '../../src/engine.js';
import type { StatementFacts } from '../../src/lint/facts.js';
import { parseSnowflake, type SnowflakeFacts } from './parse.js';
import { splitSnowflake } from './split.js';

const parse = (sql: string): ParsedStatement & { facts: StatementFacts & { snowflake: SnowflakeFacts } } =>
  parseSnowflake(splitSnowflake(sql)[0]!) as ParsedStatement & { facts: StatementFacts & { snowflake: SnowflakeFacts } };

describe('parseSnowflake', () => {
  it('reads CREATE OR REPLACE TRANSIENT TABLE with columns, constraints and options', () => {
    const s = parse(`CREATE OR REPLACE TRANSIENT TABLE analytics.public."Events" (
  id NUMBER(38,0) NOT NULL AUTOINCREMENT,
  "payload" VARIANT,
  name VARCHAR(200) DEFAULT 'x' COMMENT 'the name',
  user_id NUMBER REFERENCES users (id),
  CONSTRAINT pk_events PRIMARY KEY (id)
) DATA_RETENTION_TIME_IN_DAYS = 0 COPY GRANTS COMMENT = 'events';`);
    expect(s.kind).toBe('create-table');
    const ct = s.facts.createTable!;
    expect(ct.table).toMatchObject({ schema: 'PUBLIC', name: 'Events' });
    expect(ct.table.caseInsensitive).toBeUndefined();
    expect(ct.columns.map((c) => [c.name, c.type, c.typeArgs, c.notNull, c.caseInsensitive ?? false])).toEqual([
      ['ID', 'number', [38, 0], true, true],
      ['payload', 'variant', [], false, false],
      ['NAME', 'varchar', [200], false, true],
      ['USER_ID', 'number', [], false, true],
    ]);
    expect(ct.columns[0]!.autoIncrement).toBe(true);
    expect(ct.columns[2]).toMatchObject({ default: "'x'", comment: 'the name' });
    expect(ct.columns[3]!.references).toMatchObject({ table: { name: 'USERS' }, columns: ['ID'] });
    expect(ct.constraints).toEqual([expect.objectContaining({ type: 'primary-key', name: 'PK_EVENTS', columns: ['ID'] })]);
    expect(ct.comment).toBe('events');
    expect(s.facts.snowflake).toMatchObject({ orReplace: true, transient: true, copyGrants: true, object: 'TABLE', ddl: true, dataRetentionDays: { value: 0 } });
    expect(s.facts.snowflake.identifiers.map((i) => i.name)).toEqual(['Events', 'ID', 'payload', 'NAME', 'USER_ID']);
  });

  it('reads ALTER TABLE actions', () => {
    const add = parse('ALTER TABLE t ADD COLUMN a STRING NOT NULL, b INT;');
    expect(add.facts.alterTable!.actions.map((a) => a.type)).toEqual(['add-column', 'add-column']);
    expect(parse('ALTER TABLE t DROP COLUMN a, b;').facts.alterTable!.actions).toEqual([
      expect.objectContaining({ type: 'drop-column', column: 'A' }), expect.objectContaining({ type: 'drop-column', column: 'B' }),
    ]);
    expect(parse('ALTER TABLE t RENAME COLUMN a TO "b"').facts.alterTable!.actions[0]).toMatchObject({ type: 'rename-column', from: 'A', to: 'b' });
    expect(parse('ALTER TABLE t ALTER COLUMN a SET DATA TYPE VARCHAR(50)').facts.alterTable!.actions[0]).toMatchObject({ type: 'alter-column-type', column: 'A', newType: { type: 'varchar', typeArgs: [50] } });
    expect(parse('ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (u) REFERENCES users (id)').facts.alterTable!.actions[0]).toMatchObject({ type: 'add-constraint', constraint: { type: 'foreign-key', references: { table: { name: 'USERS' } } } });
    expect(parse('ALTER TABLE t SET DATA_RETENTION_TIME_IN_DAYS = 0').facts.snowflake.dataRetentionDays?.value).toBe(0);
  });

  it('reads DML and SELECT facts', () => {
    expect(parse('DELETE FROM s.t;').facts.dml).toMatchObject({ table: { schema: 'S', name: 'T' }, hasWhere: false });
    expect(parse('UPDATE t SET a = 1 WHERE id = 2').facts.dml).toMatchObject({ hasWhere: true });
    expect(parse("INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y')").facts.dml).toMatchObject({ columns: ['A', 'B'], rows: 2 });
    expect(parse('SELECT * FROM t').facts.select).toEqual({ star: true, hasWhere: false, hasFrom: true });
    expect(parse('SELECT a, b * 2 FROM t WHERE x IN (SELECT y FROM u)').facts.select).toEqual({ star: false, hasWhere: true, hasFrom: true });
    expect(parse('WITH c AS (SELECT 1 AS x) SELECT t.* FROM c t').facts.select?.star).toBe(true);
  });

  it('classifies transactions, USE, blocks and other objects', () => {
    expect(parse('BEGIN TRANSACTION;').kind).toBe('transaction');
    expect(parse('BEGIN\n  SELECT 1;\nEND;').facts.snowflake.block).toBe(true);
    expect(parse('USE SCHEMA analytics.staging;').facts.snowflake.use).toEqual({ object: 'SCHEMA', name: 'ANALYTICS.STAGING' });
    expect(parse('DROP TABLE IF EXISTS a, b CASCADE').facts.dropTable).toMatchObject({ tables: [{ name: 'A' }, { name: 'B' }], cascade: true, ifExists: true });
    expect(parse('DROP SCHEMA raw').facts.drop).toMatchObject({ object: 'schema', names: [{ name: 'RAW' }] });
    expect(parse('CREATE OR REPLACE SECURE VIEW v COPY GRANTS AS SELECT 1 AS x').facts.snowflake).toMatchObject({ object: 'VIEW', orReplace: true, copyGrants: true });
    expect(parse('CREATE STAGE s URL = \'s3://b\'').facts.create).toMatchObject({ object: 'stage', name: { name: 'S' } });
  });

  it('reports broken statements as unparsed and never throws', () => {
    expect(parse("SELECT 'abc").kind).toBe('unparsed');
    expect(parse('SELECT (1').kind).toBe('unparsed');
    expect(parse('SELECT 1)').kind).toBe('unparsed');
    for (const sql of ['CREATE', 'ALTER TABLE', 'CREATE TABLE t (', 'INSERT INTO', 'ALTER TABLE t ALTER', 'DROP', 'WITH x AS (SELECT 1) DELETE FROM t']) {
      expect(() => parseSnowflake({ index: 0, text: sql, span: { line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, length: sql.length }, comments: [] })).not.toThrow();
    }
  });
});
