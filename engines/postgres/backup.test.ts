import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dumpVersionOf } from './backup.js';

const dir = mkdtempSync(join(tmpdir(), 'bb-dump-header-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A custom-format archive header as pg_dump writes it (archive version minor: 14 = pg_dump 12-15, 15 = 16, 16 = 17+). */
function header(minor: number, strings: readonly (string | null)[], intSize = 4): Buffer {
  const int = (n: number): Buffer => {
    const b = Buffer.alloc(1 + intSize);
    b[0] = n < 0 ? 1 : 0;
    let v = Math.abs(n);
    for (let i = 1; i <= intSize; i++, v = Math.floor(v / 256)) b[i] = v % 256;
    return b;
  };
  const str = (s: string | null): Buffer => (s === null ? int(-1) : Buffer.concat([int(Buffer.byteLength(s)), Buffer.from(s)]));
  return Buffer.concat([
    Buffer.from('PGDMP'), Buffer.from([1, minor, 0, intSize, 8, 1]),
    minor >= 15 ? Buffer.from([1]) : int(-1), // compression: gzip / default level
    ...[12, 30, 17, 4, 11, 126, 0].map(int), // the time
    ...strings.map(str),
    Buffer.from('rest of the archive'),
  ]);
}

const write = (name: string, content: Buffer): string => {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
};

describe('dumpVersionOf', () => {
  it('reads the version of the pg_dump that wrote the archive, for both header layouts', () => {
    expect(dumpVersionOf(write('15.dump', header(14, ['app', '15.20 (Debian 15.20-0+deb12u1)', '15.20 (Debian 15.20-0+deb12u1)'])))).toBe('15.20 (Debian 15.20-0+deb12u1)');
    expect(dumpVersionOf(write('17.dump', header(16, ['shop_ü', '16.4', '17.2'])))).toBe('17.2');
    expect(dumpVersionOf(write('int8.dump', header(14, ['app', '14.1', '14.9'], 8)))).toBe('14.9');
  });

  it('is undefined for what is not such an archive, a truncated header, or a layout older or newer than known', () => {
    expect(dumpVersionOf(write('plain.sql', Buffer.from('--\n-- PostgreSQL database dump\n--\n')))).toBeUndefined();
    expect(dumpVersionOf(write('short.dump', header(14, ['app', '15.2', '15.2']).subarray(0, 60)))).toBeUndefined();
    expect(dumpVersionOf(write('null.dump', header(14, ['app', '15.2', null])))).toBeUndefined();
    expect(dumpVersionOf(write('old.dump', header(9, ['app', '8.1', '8.1'])))).toBeUndefined();
    expect(dumpVersionOf(write('future.dump', header(17, ['app', '19.0', '19.0'])))).toBeUndefined(); // layout unknown: bb runs --version
    expect(dumpVersionOf(join(dir, 'missing.dump'))).toBeUndefined();
  });
});
