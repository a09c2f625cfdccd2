import type { SchemaSnapshot } from '../../src/engine.js';
import { q } from './introspect.js';

/**
 * Canonical DDL from a snapshot: schemas, then each table's and view's DDL as GET_DDL printed it
 * (Snowflake's own canonical form), in the snapshot's stable order. GET_DDL names tables without
 * their schema, so each schema's objects follow a USE SCHEMA line.
 */
export function dump(snapshot: SchemaSnapshot): string {
  const out: string[] = [];
  const bySchema = new Map<string, string[]>();
  for (const o of snapshot.objects) {
    if (o.kind === 'schema') {
      if (o.name !== 'PUBLIC') out.push(`${o.definition};`);
      continue;
    }
    if (o.kind !== 'table' && o.kind !== 'view') continue;
    const schema = o.name.slice(0, o.name.indexOf('.'));
    const list = bySchema.get(schema) ?? [];
    // GET_DDL writes "create or replace": a dump must never drop data when it is run, so plain CREATE.
    list.push(o.definition.replace(/^create\s+or\s+replace\s+(TRANSIENT\s+)?(TABLE|VIEW)\b/i, (_m, transient: string | undefined, kind: string) => `CREATE ${transient ? 'TRANSIENT ' : ''}${kind.toUpperCase()}`));
    bySchema.set(schema, list);
  }
  for (const [schema, ddl] of [...bySchema].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    out.push(`USE SCHEMA ${q(schema)};`, ...ddl);
  }
  return `-- Schema dump by bb (canonical order; do not edit by hand)\n\n${out.join('\n\n')}\n`;
}
