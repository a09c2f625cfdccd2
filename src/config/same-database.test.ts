import { describe, expect, it } from 'vitest';
import type { UrlForm } from '../engine.js';
import { databaseKey } from './same-database.js';

const FORMS: Record<string, UrlForm> = {
  'postgres:': { kind: 'server', defaultPort: 5432 },
  'postgresql:': { kind: 'server', sameAs: 'postgres:', defaultPort: 5432 },
  'pglite:': { kind: 'folder' },
};
const key = (url: string): string => databaseKey(url, FORMS, '/project');

describe('databaseKey', () => {
  it('drops credentials, spells the scheme one way, fills the default port and lowers the host', () => {
    expect(key('postgresql://app:p@ss@DB.Example/t1?sslmode=require')).toBe('postgres://db.example:5432/t1?sslmode=require');
    expect(key('postgres://[::1]/t1')).toBe(key('postgres://[::1]:5432/t1'));
    expect(key('postgres://h:5433/t1')).not.toBe(key('postgres://h/t1'));
    // The path and query name the database and its options: compared as written.
    expect(key('postgres://h/T1')).not.toBe(key('postgres://h/t1'));
  });

  it('resolves folders against the config\'s folder and keeps in-memory databases as written', () => {
    expect(key('pglite://./.bb/t1')).toBe('pglite:///project/.bb/t1');
    expect(key('pglite:.bb/t1')).toBe('pglite:///project/.bb/t1');
    expect(key('pglite:///abs/../abs/t1')).toBe('pglite:///abs/t1');
    expect(key('pglite://:memory:')).toBe('pglite://:memory:');
  });

  it('leaves a scheme the engine does not describe as written, without credentials', () => {
    expect(key('mysql://root:pw@H/x')).toBe('mysql://H/x');
    expect(databaseKey('postgres://u@H/x', undefined, '/p')).toBe('postgres://H/x');
  });
});
