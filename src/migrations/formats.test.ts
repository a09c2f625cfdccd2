import { describe, expect, it } from 'vitest';
import { parseFileName, parseFolderEntry, splitDbmateSections } from './formats.js';

describe('file names', () => {
  it.each([
    ['0001_create_users.sql', { kind: 'versioned', direction: 'up', version: '0001', name: 'create_users' }],
    ['V1.2__add_index.sql', { kind: 'versioned', direction: 'up', version: '1.2', name: 'add_index' }],
    ['V1_2__add_index.sql', { kind: 'versioned', direction: 'up', version: '1_2', name: 'add_index' }],
    ['U3__drop.sql', { kind: 'versioned', direction: 'down', version: '3', name: 'drop' }],
    ['R__views.sql', { kind: 'repeatable', direction: 'up', name: 'views' }],
    ['20240101120000_x.up.sql', { kind: 'versioned', direction: 'up', version: '20240101120000', name: 'x' }],
    ['20240101120000_x.down.sql', { kind: 'versioned', direction: 'down', version: '20240101120000', name: 'x' }],
    ['0002_1.7.0_schema.up.sql', { kind: 'versioned', direction: 'up', version: '0002', name: '1.7.0_schema' }],
    ['20150100000001000000_networks.postgres.up.sql', { kind: 'versioned', direction: 'up', version: '20150100000001000000', name: 'networks.postgres' }],
    ['v7_lower.sql', { kind: 'versioned', direction: 'up', version: '7', name: 'lower' }],
  ])('%s', (name, expected) => {
    expect(parseFileName(name)).toEqual(expected);
  });
  it('rejects names without a version and non-SQL files', () => {
    expect(parseFileName('schema.sql')).toBeUndefined();
    expect(parseFileName('README.md')).toBeUndefined();
  });
  it('reads diesel and Prisma folders', () => {
    expect(parseFolderEntry('2017-12-12-223105_create_users', 'up.sql')).toEqual({ kind: 'versioned', direction: 'up', version: '2017-12-12-223105', name: 'create_users' });
    expect(parseFolderEntry('2017-12-12-223105_create_users', 'down.sql')?.direction).toBe('down');
    expect(parseFolderEntry('20210101120000_init', 'migration.sql')).toEqual({ kind: 'versioned', direction: 'up', version: '20210101120000', name: 'init' });
    expect(parseFolderEntry('notes', 'up.sql')).toBeUndefined();
  });
  it('splits dbmate sections and reads transaction:false', () => {
    const s = splitDbmateSections('-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (a);\n-- migrate:down\nDROP INDEX i;\n');
    expect(s?.up).toBe('-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (a);\n');
    expect(s?.down).toBe('\nDROP INDEX i;\n');
    expect(s?.transactionOff).toBe(true);
    expect(splitDbmateSections('SELECT 1;')).toBeUndefined();
  });
});
