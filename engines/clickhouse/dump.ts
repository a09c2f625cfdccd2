import type { SchemaSnapshot } from '../../src/engine.js';

/**
 * Canonical DDL from a snapshot: the server's own CREATE statements (formatted by formatQuery), one per
 * object in the snapshot's stable order (functions, tables, dictionaries, views). Columns and data-skipping
 * indexes are part of their table's statement and not repeated.
 */
export function dump(snapshot: SchemaSnapshot): string {
  const out = snapshot.objects.filter((o) => o.kind !== 'column' && o.kind !== 'index').map((o) => `${o.definition.trim().replace(/;\s*$/, '')};`);
  return `-- Schema dump by bb (canonical order; do not edit by hand)\n\n${out.join('\n\n')}\n`;
}
