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

/** The statement's first keyword(s), upper case, after leading comments: "ALTER", or "ALTER TABLE" with words = 2. */
export function leadingVerb(text: string, fallback: string, words: 1 | 2 = 1): string {
  const body = text.replace(/^(\s|--[^\n]*\n|#[^\n]*\n|\/\*[\s\S]*?\*\/)*/, '');
  const re = words === 2 ? /^\s*(\w+(?:\s+\w+)?)/ : /^\s*(\w+)/;
  return (re.exec(body)?.[1] ?? fallback).toUpperCase();
}

/** The tables named in a rule's `list` payload (by name or schema.name, case-insensitively), each once. */
export function listedTables(tables: readonly ObjectName[], list: readonly string[]): ObjectName[] {
  const listed = new Set(list.map((t) => t.toLowerCase()));
  const seen = new Set<string>();
  return tables.filter((t) => {
    const name = qualified(t).toLowerCase();
    if (seen.has(name) || !(listed.has(name) || listed.has(t.name.toLowerCase()))) return false;
    seen.add(name);
    return true;
  });
}
