/** Facts the column/index/system lint rules read from MySQL statements (ON UPDATE, inline indexes, positions, table options). */
import { describe, expect, it } from 'vitest';
import type { ParsedStatement } from '../../src/engine.js';
import type { StatementFacts } from '../../src/lint/facts.js';
import { parseMysql } from './parse.js';
import { splitMysql } from './split.js';

async function facts(sql: string): Promise<StatementFacts> {
  const [stmt] = splitMysql(sql);
  return ((await parseMysql(stmt!)) as ParsedStatement & { facts: StatementFacts }).facts;
}

describe('parseMysql column and index facts', () => {
  it('reads ON UPDATE with and without a DEFAULT, and no foreign key from it', async () => {
    const f = await facts('CREATE TABLE t (a timestamp ON UPDATE CURRENT_TIMESTAMP, b datetime DEFAULT now() ON UPDATE now(), c datetime DEFAULT now())');
    expect(f.createTable!.columns.map((c) => c.onUpdate)).toEqual(['CURRENT_TIMESTAMP()', 'NOW()', undefined]);
    expect(f.createTable!.constraints).toEqual([]);
  });

  it('lists the inline indexes of CREATE TABLE with their columns, uniqueness and method', async () => {
    const f = await facts('CREATE TABLE t (a int, b blob, KEY k (b(10), a) USING BTREE, INDEX k2 USING HASH (a), UNIQUE KEY u (a), FULLTEXT f (b), PRIMARY KEY (a))');
    expect(f.createTable!.indexes!.map((i) => [i.name, i.columns.join(','), i.unique, i.method])).toEqual([
      ['k', 'b,a', false, 'BTREE'], ['k2', 'a', false, 'HASH'], ['u', 'a', true, undefined], ['f', 'b', false, 'FULLTEXT'], ['PRIMARY', 'a', true, undefined],
    ]);
  });

  it('lists an inline PRIMARY KEY as the index PRIMARY', async () => {
    const f = await facts('CREATE TABLE t (id int PRIMARY KEY, a int, b int UNIQUE)');
    expect(f.createTable!.indexes).toMatchObject([{ name: 'PRIMARY', table: { name: 't' }, columns: ['id'], unique: true }, { name: 'b', columns: ['b'], unique: true }]);
  });

  it('reads a prefix column of CREATE INDEX as the column, an expression as its text', async () => {
    expect((await facts('CREATE INDEX i ON users (nick(5), id)')).createIndex!.columns).toEqual(['nick', 'id']);
    expect((await facts('CREATE INDEX i ON users ((lower(nick)))')).createIndex!.columns).toEqual(['(LOWER())']);
  });

  it('gives FIRST/AFTER of MODIFY and CHANGE, the method of ADD INDEX … USING and table options of ALTER TABLE', async () => {
    const f = await facts("ALTER TABLE t CHANGE COLUMN c d int AFTER x, MODIFY COLUMN e int FIRST, MODIFY f int, ADD INDEX i (a) USING HASH, AUTO_INCREMENT = 5, DEFAULT CHARSET = latin1");
    const a = f.alterTable!.actions;
    expect(a[0]).toMatchObject({ type: 'change-column', from: 'c', position: 'after' });
    expect(a[1]).toMatchObject({ type: 'modify-column', position: 'first' });
    expect(a[2]).not.toHaveProperty('position');
    expect(a[3]).toMatchObject({ type: 'add-index', index: { method: 'HASH' } });
    expect(a[4]).toMatchObject({ type: 'set-option', option: 'AUTO_INCREMENT', value: '5' });
    expect(a[5]).toMatchObject({ type: 'set-option', option: 'DEFAULT CHARSET', value: 'latin1' });
  });
});

describe('parseMysql synonyms the parser lacks', () => {
  it("reads a column's CHARSET x as CHARACTER SET x", async () => {
    const f = await facts('ALTER TABLE t ADD COLUMN bio text CHARSET utf8mb4 COLLATE utf8mb4_bin, ADD COLUMN n int');
    expect(f.alterTable!.actions[0]).toMatchObject({ type: 'add-column', column: { charset: 'utf8mb4', collation: 'utf8mb4_bin' } });
  });

  it('reads SERIAL as BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE, and leaves a column named serial alone', async () => {
    const f = await facts('CREATE TABLE t (id SERIAL PRIMARY KEY, serial varchar(20), n int)');
    expect(f.createTable!.columns[0]).toMatchObject({ name: 'id', type: 'bigint', notNull: true, autoIncrement: true, primaryKey: true });
    expect(f.createTable!.columns[0]!.typeText).toContain('unsigned');
    expect(f.createTable!.columns[1]).toMatchObject({ name: 'serial', type: 'varchar' });
  });
});
