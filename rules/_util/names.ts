/** Shared helpers for rules: object names, templates, statement text positions. */
import type { ObjectName } from '../../src/lint/facts.js';

/** "schema.name" or "name". */
export function qualified(n: ObjectName): string {
  return n.schema ? `${n.schema}.${n.name}` : n.name;
}

/** Fills {{key}} placeholders of a Bytebase naming template (naming.index.*) with values. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, key: string) => (key in values ? escapeRegExp(values[key]!) : m));
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Offset of the first case-insensitive match of `re` in the statement text, or undefined. */
export function findAt(text: string, re: RegExp): number | undefined {
  const m = re.exec(text);
  return m ? m.index : undefined;
}

/** Byte length in UTF-8 (PostgreSQL's identifier limit counts bytes). */
export function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}
