import type { SchemaObject, SchemaSnapshot } from '../../src/engine.js';
import { ident } from './introspect.js';

/** Canonical DDL from a snapshot: one statement per object, in the snapshot's stable order. */
export function dump(snapshot: SchemaSnapshot): string {
  const columns = new Map<string, SchemaObject[]>();
  const constraints = new Map<string, SchemaObject[]>();
  for (const o of snapshot.objects) {
    if (o.kind === 'column') push(columns, o.table!, o);
    if (o.kind === 'constraint') push(constraints, o.table!, o);
  }
  const out: string[] = [];
  for (const o of snapshot.objects) {
    switch (o.kind) {
      case 'schema':
        if (o.name !== 'public') out.push(`${o.definition};`);
        break;
      case 'table': {
        const lines = (columns.get(o.name) ?? [])
          .sort((a, b) => (a.definition < b.definition ? -1 : 1))
          .map((c) => `  ${ident(c.name.slice(o.name.length + 1))} ${c.definition.slice(5)}`);
        for (const c of constraints.get(o.name) ?? []) lines.push(`  CONSTRAINT ${ident(c.name.slice(o.name.length + 1))} ${c.definition}`);
        out.push(`CREATE TABLE ${qualified(o.name)} (\n${lines.join(',\n')}\n)${o.definition ? ` ${o.definition}` : ''};`);
        break;
      }
      case 'column':
      case 'constraint':
        break;
      default:
        out.push(`${o.definition.replace(/;\s*$/, '')};`);
    }
  }
  return `-- Schema dump by bb (canonical order; do not edit by hand)\n\n${out.join('\n\n')}\n`;
}

function qualified(name: string): string {
  const dot = name.indexOf('.');
  return `${ident(name.slice(0, dot))}.${ident(name.slice(dot + 1))}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
