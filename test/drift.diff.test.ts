/** The snapshot diff as data: object-level added/removed/changed, folding of whole tables, positions. */
import { describe, expect, it } from 'vitest';
import { diffSnapshots, summarize } from '../src/drift/diff.js';
import type { SchemaObject, SchemaSnapshot } from '../src/engine.js';

const snap = (objects: SchemaObject[]): SchemaSnapshot => ({ engine: 'postgres', objects });
const table = (name: string): SchemaObject => ({ kind: 'table', name, definition: '' });
const col = (t: string, c: string, pos: number, def: string): SchemaObject => ({ kind: 'column', name: `${t}.${c}`, table: t, definition: `${String(pos).padStart(4, '0')} ${def}` });
const idx = (t: string, name: string, def: string): SchemaObject => ({ kind: 'index', name, table: t, definition: def });

const base = [table('public.users'), col('public.users', 'id', 1, 'integer NOT NULL'), col('public.users', 'age', 2, 'integer'), idx('public.users', 'public.users_age', 'CREATE INDEX users_age ON public.users USING btree (age)')];

describe('diffSnapshots', () => {
  it('is empty for equal snapshots, whatever the object order', () => {
    expect(diffSnapshots(snap(base), snap([...base].reverse()))).toEqual([]);
  });

  it('reports an added column, a removed index and a changed type, with before and after', () => {
    const after = [table('public.users'), col('public.users', 'id', 1, 'integer NOT NULL'), col('public.users', 'age', 2, 'bigint'), col('public.users', 'nick', 3, 'text')];
    const changes = diffSnapshots(snap(base), snap(after));
    expect(changes).toEqual([
      { kind: 'column', name: 'public.users.age', table: 'public.users', change: 'changed', before: 'integer', after: 'bigint' },
      { kind: 'column', name: 'public.users.nick', table: 'public.users', change: 'added', after: 'text' },
      { kind: 'index', name: 'public.users_age', table: 'public.users', change: 'removed', before: 'CREATE INDEX users_age ON public.users USING btree (age)' },
    ]);
    expect(summarize(changes)).toBe('1 added, 1 removed, 1 changed');
  });

  it('folds the columns and indexes of a dropped or created table into one change', () => {
    const changes = diffSnapshots(snap(base), snap([]));
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: 'table', name: 'public.users', change: 'removed', note: 'with 2 columns, 1 index' });
    expect(changes[0]!.before).toContain('age integer');
    const created = diffSnapshots(snap([]), snap(base));
    expect(created).toEqual([expect.objectContaining({ kind: 'table', change: 'added' })]);
  });

  it('says when only a column position moved', () => {
    const moved = [table('public.users'), col('public.users', 'id', 1, 'integer NOT NULL'), col('public.users', 'age', 3, 'integer'), idx('public.users', 'public.users_age', 'CREATE INDEX users_age ON public.users USING btree (age)')];
    expect(diffSnapshots(snap(base), snap(moved))).toEqual([
      { kind: 'column', name: 'public.users.age', table: 'public.users', change: 'changed', before: 'integer', after: 'integer', note: 'moved from position 2 to 3' },
    ]);
  });
});
