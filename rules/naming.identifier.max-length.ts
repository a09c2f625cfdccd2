import { defineRule } from '../src/lint/types.js';
import { byteLength } from './_util/names.js';

/** Identifiers in statement text: "quoted" or bare words, skipping strings, comments and dollar-quoted bodies. */
function* identifiers(text: string): Generator<{ name: string; at: number }> {
  const re = /'(?:[^']|'')*'|\$([A-Za-z_]*)\$[\s\S]*?\$\1\$|--[^\n]*|\/\*[\s\S]*?\*\/|"((?:[^"]|"")*)"|([A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[2] !== undefined) yield { name: m[2].replace(/""/g, '"'), at: m.index };
    else if (m[3] !== undefined) yield { name: m[3], at: m.index };
  }
}

const PREFILTERS = new Map<number, RegExp>();

/**
 * Whether `text` has a run of identifier characters (bare, or quoted with "" escapes) long enough to be
 * over `max` bytes: a cheap test that lets most statements skip the tokenizer. Strings and comments
 * can match too; the tokenizer then sorts them out.
 */
function mayHoldLongName(text: string, max: number): boolean {
  const chars = Math.floor(Math.max(0, max) / 3) + 1; // a UTF-16 code unit is at most 3 UTF-8 bytes
  let re = PREFILTERS.get(chars);
  if (!re) PREFILTERS.set(chars, (re = new RegExp(`[A-Za-z0-9_$\\u0080-\\uffff]{${chars}}|"(?:[^"]|""){${chars}}`)));
  return re.test(text);
}

export default defineRule({
  meta: {
    id: 'naming.identifier.max-length',
    engines: ['postgres'],
    kinds: ['create-table', 'alter-table', 'create-index', 'other'],
    category: 'naming',
    defaultLevel: 'error',
    recommended: true,
    description: 'Keep identifiers within PostgreSQL\'s 63-byte limit',
    rationale: 'PostgreSQL silently truncates identifiers to 63 bytes (NAMEDATALEN - 1): two long names can collapse into one, and the object ends up with a name different from the one written. (Squawk: identifier-too-long.)',
    payload: { maxLength: { type: 'number', default: 63, min: 0, integer: true, description: 'Maximum identifier length in bytes' } },
    messages: { long: 'Identifier "{{name}}" is {{length}} bytes long; PostgreSQL truncates it to {{max}}' },
    examples: { bad: `CREATE TABLE ${'a'.repeat(64)} (id bigint PRIMARY KEY);`, good: 'CREATE TABLE accounts (id bigint PRIMARY KEY);' },
  },
  *check(stmt, ctx) {
    if (!mayHoldLongName(stmt.text, ctx.payload.maxLength)) return;
    for (const id of identifiers(stmt.text)) {
      // A UTF-16 code unit is at most 3 UTF-8 bytes: shorter names cannot be over the limit.
      if (id.name.length * 3 <= ctx.payload.maxLength) continue;
      const len = byteLength(id.name);
      if (len > ctx.payload.maxLength) yield { messageId: 'long', data: { name: id.name, length: len, max: ctx.payload.maxLength }, at: id.at, length: id.name.length };
    }
  },
});
