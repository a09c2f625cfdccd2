import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BbError } from '../errors.js';
import { readMigrationDir } from './dir.js';
import { checksum } from './checksum.js';

let root: string;
const folder = (files: Record<string, string | Buffer>): string => {
  root = mkdtempSync(join(tmpdir(), 'bb-dir-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(root, 'm', name, '..'), { recursive: true });
    writeFileSync(join(root, 'm', name), content);
  }
  return root;
};
const read = (r: string) => readMigrationDir({ database: 'app', engine: 'postgres', path: join(r, 'm'), projectRoot: r });
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('readMigrationDir', () => {
  it('orders versions numerically, repeatables last, and pairs down files', async () => {
    const dir = await read(folder({
      '10_ten.sql': 'SELECT 10;', '9_nine.sql': 'SELECT 9;', '9_nine.down.sql': 'SELECT -9;', 'R__view.sql': 'SELECT 0;', 'README.md': '#',
      '2017-12-12-223105_diesel/up.sql': 'SELECT 1;', '2017-12-12-223105_diesel/down.sql': 'SELECT -1;',
    }));
    expect(dir.files.map((f) => f.key)).toEqual(['9', '10', '2017-12-12-223105', 'R__view']);
    expect(dir.files[0]!.down?.path).toBe('m/9_nine.down.sql');
    expect(dir.files[2]!.path).toBe('m/2017-12-12-223105_diesel/up.sql');
    expect(dir.files[2]!.down?.sql).toBe('SELECT -1;');
    expect(Object.isFrozen(dir.files)).toBe(true);
  });

  it('normalises line endings and BOM before the checksum', async () => {
    const dir = await read(folder({ '1_a.sql': '\ufeffSELECT 1;\r\nSELECT 2;\r\n' }));
    expect(dir.files[0]!.checksum).toBe(checksum('SELECT 1;\nSELECT 2;\n'));
    expect(dir.files[0]!.sql).toBe('SELECT 1;\nSELECT 2;\n');
  });

  it('records what turned the transaction off in a dbmate file', async () => {
    const dir = await read(folder({ '1_a.sql': '-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (a);\n-- migrate:down\nDROP INDEX i;\n' }));
    expect(dir.files[0]!.directives).toEqual({ transaction: 'off', transactionOffBy: '-- migrate:up transaction:false', disable: [] });
  });

  it('reads directives', async () => {
    const dir = await read(folder({ '1_a.sql': '-- bb:transaction off\n-- bb:disable table.require-pk, column.no-null\nCREATE INDEX CONCURRENTLY i ON t (a);\n' }));
    expect(dir.files[0]!.directives).toEqual({ transaction: 'off', disable: ['table.require-pk', 'column.no-null'] });
  });

  it.each([
    [{ '1_a.sql': 'SELECT 1;', '01_b.sql': 'SELECT 2;' }, /Duplicate version 1 in m: m\/01_b\.sql and m\/1_a\.sql/],
    [{ '1_a.sql': 'SELECT 1;', '1.0_b.sql': 'SELECT 2;' }, /Duplicate version/],
    [{ 'schema.sql': 'SELECT 1;' }, /Cannot tell the version of m\/schema\.sql/],
    [{ '1_a.sql': Buffer.from([0x53, 0x0a, 0xff]) }, /m\/1_a\.sql is not valid UTF-8 \(first bad byte at offset 2, line 2\)/],
    [{ '1_a.sql': '-- bb:transacton off\nSELECT 1;' }, /m\/1_a\.sql:1: unknown directive "bb:transacton" \(did you mean "transaction"\?\)/],
    [{ '2_b.down.sql': 'SELECT 1;' }, /m\/2_b\.down\.sql is a down migration without its up migration/],
    [{ '1_a.sql': 'SELECT 1;', '1_a.down.sql': 'SELECT 2;', '1_other.down.sql': 'SELECT 3;' }, /Two down migrations for version 1 in m: m\/1_(a|other)\.down\.sql and m\/1_(a|other)\.down\.sql/],
    [{ 'V2__c.sql': 'SELECT 1;', 'U2__c.sql': 'SELECT 2;', '2_c.down.sql': 'SELECT 3;' }, /Two down migrations for version 2/],
  ])('refuses bad folders with a message naming the files (%#)', async (files, message) => {
    await expect(read(folder(files as Record<string, string>))).rejects.toSatisfy((e: unknown) => e instanceof BbError && e.kind === 'migration-dir' && message.test(e.message));
  });

  it('names a missing folder and its database', async () => {
    root = mkdtempSync(join(tmpdir(), 'bb-dir-'));
    await expect(read(root)).rejects.toThrow(/The migrations folder m of database "app" does not exist/);
  });
});
