import type { SchemaObject, SchemaSnapshot } from '../../src/engine.js';
import { ident } from './introspect.js';

/**
 * Canonical DDL from a snapshot, in the snapshot's stable order: one CREATE TABLE per table with its
 * columns (in column order), primary key, keys and constraints inline, then views, routines, triggers
 * and events, between SET FOREIGN_KEY_CHECKS = 0 / 1 (tables are in name order). Routines, triggers
 * and events are wrapped in `DELIMITER //` so the output replays with the `mysql` client and with bb's
 * own splitter.
 */
export function dump(snapshot: SchemaSnapshot): string {
  const byTable = new Map<string, SchemaObject[]>();
  for (const o of snapshot.objects) {
    if ((o.kind === 'column' || o.kind === 'constraint' || o.kind === 'index') && o.table) {
      const list = byTable.get(o.table);
      if (list) list.push(o);
      else byTable.set(o.table, [o]);
    }
  }
  const out: string[] = [];
  const compound: string[] = [];
  for (const o of snapshot.objects) {
    switch (o.kind) {
      case 'schema':
        out.push(`${o.definition};`);
        break;
      case 'table': {
        const parts = byTable.get(o.name) ?? [];
        const short = (p: SchemaObject): string => p.name.slice(o.name.length + 1);
        const lines = parts.filter((p) => p.kind === 'column').sort((a, b) => (a.definition < b.definition ? -1 : 1)).map((c) => `  ${ident(short(c))} ${c.definition.slice(5)}`);
        const pk = parts.find((p) => p.kind === 'constraint' && short(p) === 'PRIMARY');
        if (pk) lines.push(`  ${pk.definition}`);
        for (const i of parts.filter((p) => p.kind === 'index')) lines.push(`  ${i.definition}`);
        for (const c of parts.filter((p) => p.kind === 'constraint' && p !== pk)) lines.push(`  CONSTRAINT ${ident(short(c))} ${c.definition}`);
        const options = o.definition.replace(/\s*\bPARTITIONED\b/, '');
        out.push(`CREATE TABLE ${qualified(o.name)} (\n${lines.join(',\n')}\n)${options ? ` ${options}` : ''};`);
        break;
      }
      case 'column':
      case 'constraint':
      case 'index':
        break;
      case 'sequence':
      case 'view':
        out.push(`${o.definition.replace(/;\s*$/, '')};`);
        break;
      default:
        compound.push(`${o.definition.replace(/;\s*$/, '')}\n//`);
    }
  }
  if (compound.length > 0) out.push(`DELIMITER //\n${compound.join('\n\n')}\nDELIMITER ;`);
  // Tables come in name order, not dependency order: foreign keys are checked once at the end, as mysqldump does.
  return `-- Schema dump by bb (canonical order; do not edit by hand)\n\nSET FOREIGN_KEY_CHECKS = 0;\n\n${out.join('\n\n')}\n\nSET FOREIGN_KEY_CHECKS = 1;\n`;
}

function qualified(name: string): string {
  const dot = name.indexOf('.');
  return dot === -1 ? ident(name) : `${ident(name.slice(0, dot))}.${ident(name.slice(dot + 1))}`;
}
