/**
 * Object-level schema diff: two SchemaSnapshots in, a sorted list of changes out (pure). Used by
 * `bb drift` (last snapshot → live schema), `bb diff` (one environment → another) and `bb migrate`'s
 * drift check.
 */
import type { SchemaObject, SchemaObjectKind, SchemaSnapshot } from '../engine.js';

export interface SchemaChange {
  readonly kind: SchemaObjectKind;
  /** The object's qualified name, as the engine's introspection names it ("public.users.email"). */
  readonly name: string;
  /** The table a column, index, constraint or trigger belongs to. */
  readonly table?: string;
  readonly change: 'added' | 'removed' | 'changed';
  /** The definition on the "from" side (snapshot, or --from environment); absent for added objects. */
  readonly before?: string;
  /** The definition on the "to" side (live schema, or --to environment); absent for removed objects. */
  readonly after?: string;
  /** A short human note, e.g. "moved from position 2 to 3", or "with 4 columns" for a whole table. */
  readonly note?: string;
}

const ORDER: Record<SchemaObjectKind, number> = { schema: 0, extension: 1, type: 2, sequence: 3, table: 4, column: 5, constraint: 6, index: 7, view: 8, function: 9, trigger: 10, other: 11 };

/**
 * The changes that turn `from` into `to`. Columns, constraints, indexes and triggers of a table that
 * was added or removed as a whole are folded into that table's change (its before/after lists them),
 * so dropping a table is one line, not twenty. Column definitions carry their position as a 4-digit
 * prefix (introspection's convention); it is shown as a note, not as part of the definition.
 */
export function diffSnapshots(from: SchemaSnapshot, to: SchemaSnapshot): SchemaChange[] {
  const key = (o: SchemaObject): string => `${o.kind}\u0000${o.name}`;
  const a = new Map(from.objects.map((o) => [key(o), o]));
  const b = new Map(to.objects.map((o) => [key(o), o]));
  const changes: SchemaChange[] = [];
  const wholeTables = new Map<string, 'added' | 'removed'>();
  for (const [k, o] of a) if (!b.has(k) && o.kind === 'table') wholeTables.set(o.name, 'removed');
  for (const [k, o] of b) if (!a.has(k) && o.kind === 'table') wholeTables.set(o.name, 'added');
  const folded = (o: SchemaObject, change: 'added' | 'removed'): boolean => o.kind !== 'table' && o.table !== undefined && wholeTables.get(o.table) === change;

  for (const [k, o] of a) {
    const other = b.get(k);
    if (!other) {
      if (folded(o, 'removed')) continue;
      changes.push({ kind: o.kind, name: o.name, ...(o.table ? { table: o.table } : {}), change: 'removed', before: describe(o, from) , ...(o.kind === 'table' ? { note: tableNote(o, from) } : {}) });
    } else if (other.definition !== o.definition) {
      const [pa, da] = split(o);
      const [pb, db] = split(other);
      const note = pa !== undefined && pb !== undefined && pa !== pb ? `moved from position ${pa} to ${pb}` : undefined;
      changes.push({ kind: o.kind, name: o.name, ...(o.table ? { table: o.table } : {}), change: 'changed', before: da, after: db, ...(note ? { note } : {}) });
    }
  }
  for (const [k, o] of b) {
    if (a.has(k) || folded(o, 'added')) continue;
    changes.push({ kind: o.kind, name: o.name, ...(o.table ? { table: o.table } : {}), change: 'added', after: describe(o, to), ...(o.kind === 'table' ? { note: tableNote(o, to) } : {}) });
  }
  const group = (c: SchemaChange): string => c.table ?? c.name;
  changes.sort((x, y) => cmp(group(x), group(y)) || (x.table === undefined ? -1 : 0) - (y.table === undefined ? -1 : 0) || ORDER[x.kind] - ORDER[y.kind] || cmp(x.name, y.name));
  return changes;
}

/** "2 added, 1 removed, 3 changed" */
export function summarize(changes: readonly SchemaChange[]): string {
  const n = (c: SchemaChange['change']): number => changes.filter((x) => x.change === c).length;
  return [`${n('added')} added`, `${n('removed')} removed`, `${n('changed')} changed`].join(', ');
}

function split(o: SchemaObject): [string | undefined, string] {
  const m = o.kind === 'column' ? /^(\d{4}) ([\s\S]*)$/.exec(o.definition) : null;
  return m ? [String(Number(m[1])), m[2]!] : [undefined, o.definition];
}

/** An object's definition for display; a table lists its columns (its own definition is often empty). */
function describe(o: SchemaObject, snapshot: SchemaSnapshot): string {
  if (o.kind !== 'table') return split(o)[1];
  const parts = snapshot.objects.filter((c) => c.table === o.name && c.kind === 'column').map((c) => `${c.name.slice(o.name.length + 1)} ${split(c)[1]}`);
  for (const c of snapshot.objects) if (c.table === o.name && (c.kind === 'constraint' || c.kind === 'index')) parts.push(`${c.kind} ${c.name.slice(c.name.lastIndexOf('.') + 1)}: ${c.definition}`);
  if (o.definition) parts.push(o.definition);
  return parts.join('\n');
}

function tableNote(o: SchemaObject, snapshot: SchemaSnapshot): string {
  const count = (kind: SchemaObjectKind): number => snapshot.objects.filter((c) => c.table === o.name && c.kind === kind).length;
  const cols = count('column');
  const idx = count('index');
  return `with ${cols} column${cols === 1 ? '' : 's'}${idx ? `, ${idx} index${idx === 1 ? '' : 'es'}` : ''}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
