import { describe, expect, it } from 'vitest';
import { BbError } from '../errors.js';
import { parseManifest } from './manifest.js';

const GOOD = {
  format: 'bb-backup/1', id: 'dev-app-20240101T000000Z', engine: 'postgres', serverVersion: 'PostgreSQL 16.4', tool: 'pg_dump 16.4 (custom format)',
  target: { id: 'dev/app', environment: 'dev', database: 'app', url: 'postgres://postgres@127.0.0.1:5432/app' },
  version: '002', file: 'dev-app-20240101T000000Z.dump', size: 1234, sha256: 'a'.repeat(64), durationMs: 210,
  createdAt: '2024-01-01T00:00:00.000Z', by: 'ada@host',
};
const PATH = '/backups/dev-app-20240101T000000Z.manifest.json';

function refusal(content: string): BbError {
  try {
    parseManifest(content, PATH);
  } catch (error) {
    expect(error).toBeInstanceOf(BbError);
    return error as BbError;
  }
  throw new Error('expected the manifest to be refused');
}
const edited = (change: Record<string, unknown>): string => JSON.stringify({ ...GOOD, ...change });

describe('parseManifest', () => {
  it('accepts the manifest bb backup writes, with and without the optional keys', () => {
    expect(parseManifest(JSON.stringify(GOOD), PATH)).toEqual(GOOD);
    const { version: _, ...noVersion } = GOOD;
    expect(parseManifest(JSON.stringify({ ...noVersion, target: { ...GOOD.target, member: 'tenant_a' } }), PATH).target.member).toBe('tenant_a');
  });

  it.each([
    ['a missing sha256', edited({ sha256: undefined }), /"sha256" is missing, expected 64 hex digits/],
    ['a size that is not a number', edited({ size: 'big' }), /"size" is "big", expected a number of bytes/],
    ['a file outside the backups folder', edited({ file: '../../../etc/x' }), /"file" is "..\/..\/..\/etc\/x", expected a file name in the manifest's folder/],
    ['an absolute file', edited({ file: '/etc/passwd' }), /"file" is "\/etc\/passwd"/],
    ['a file of ..', edited({ file: '..' }), /"file" is "\.\."/],
    ['a target without its database', edited({ target: { ...GOOD.target, database: 7 } }), /"target\.database" is 7, expected a string/],
    ['no target', edited({ target: 'dev/app' }), /"target" is "dev\/app", expected an object/],
    ['an array', '[]', /not a JSON object/],
  ])('refuses %s, naming the manifest file and the key', (_name, content, reason) => {
    const error = refusal(content);
    expect(error.kind).toBe('usage');
    expect(error.code).toBe('backup.manifest-invalid');
    expect(error.message).toContain(`Backup manifest ${PATH} is invalid: `);
    expect(error.message).toMatch(reason);
    expect(error.hint).toMatch(/bb backups lists them/);
  });

  it('names the position of a JSON syntax error', () => {
    const error = refusal('{bad');
    expect(error.code).toBe('backup.manifest-invalid');
    expect(error.message).toMatch(/is invalid: not valid JSON \(.*position 1\b/);
  });

  it('says when the JSON is some other file, not a bb manifest', () => {
    const error = refusal('{"name":"x"}');
    expect(error.code).toBe('backup.manifest-format');
    expect(error.message).toBe(`${PATH} is not a bb backup manifest (format missing, expected "bb-backup/1").`);
  });
});
