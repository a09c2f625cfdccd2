/**
 * docs/config.md's table of keys against bb.config.schema.json (what bb validates against): every key
 * the schema accepts is documented, every documented key exists, and every allowed value of an enum is
 * named in the row that documents the key; bb.config.example.yaml shows every key. A key added to the
 * schema without its line fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validate, type SchemaNode } from './validate.js';
import { parseYamlValue } from './yaml.js';

const schema = JSON.parse(readFileSync(new URL('../../bb.config.schema.json', import.meta.url), 'utf8')) as SchemaNode;
const docs = readFileSync(new URL('../../docs/config.md', import.meta.url), 'utf8');
const example = readFileSync(new URL('../../bb.config.example.yaml', import.meta.url), 'utf8');

interface Key { readonly path: string; readonly enum?: readonly string[] }

/**
 * The schema's named keys as dotted paths: list items add nothing, a map's entries are `*`
 * (`environments.targets.*.url`). A definition is walked at its first use only (`history` under a
 * target is the same keys as under a database). Rule ids under `rules` are the rules' own pages.
 */
function schemaKeys(): { keys: Key[]; maps: string[] } {
  const keys: Key[] = [];
  const maps: string[] = [];
  const seen = new Set<string>();
  const walk = (node: SchemaNode, path: string): void => {
    if (node.$ref) {
      if (seen.has(node.$ref)) return;
      seen.add(node.$ref);
      walk(schema.definitions![node.$ref.replace('#/definitions/', '')]!, path);
      return;
    }
    for (const branch of node.anyOf ?? []) walk(branch, path);
    if (node.items) walk(node.items, path);
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      const childPath = path === '' ? name : `${path}.${name}`;
      const resolved = child.$ref ? schema.definitions![child.$ref.replace('#/definitions/', '')]! : child;
      const values = [resolved, ...(resolved.anyOf ?? [])].flatMap((n) => n.enum ?? []).filter((v): v is string => typeof v === 'string');
      keys.push({ path: childPath, ...(values.length > 0 ? { enum: values } : {}) });
      walk(child, childPath);
    }
    if (typeof node.additionalProperties === 'object' && path !== 'rules' && path !== 'rules.environments.*') {
      maps.push(`${path}.*`);
      walk(node.additionalProperties, `${path}.*`);
    }
  };
  walk(schema, '');
  return { keys, maps };
}

interface Row { readonly paths: readonly string[]; readonly text: string }

/** The rows of the Keys table: `databases.<name>.engine` → databases.*.engine; `….targets` is under environments. */
function docRows(): Row[] {
  const section = docs.slice(docs.indexOf('## Keys'), docs.indexOf('\n## ', docs.indexOf('## Keys') + 1));
  return section.split('\n').filter((l) => l.startsWith('| `')).map((line) => {
    const cell = line.split(' | ')[0]!;
    const spans = [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.replace(/^…\./, 'environments.').replace(/\[\]/g, '').replace(/<[^>]+>/g, '*'));
    // `a.b.c` / `d` / `e`: the spans after the first are siblings of its last key
    const parent = spans[0]!.split('.').slice(0, -1).join('.');
    return { paths: spans.map((s, i) => (i === 0 || s.includes('.') ? s : `${parent}.${s}`)), text: line };
  });
}

const codeSpans = (text: string): string[] => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
const names = (span: string, word: string): boolean => new RegExp(`(?<![\\w$-])${word.replace(/\$/g, '\\$')}(?![\\w-])`).test(span);

describe('docs/config.md', () => {
  const { keys, maps } = schemaKeys();
  const rows = docRows();

  /** The row for the key itself, else its parent's row naming it in a code span (`{ column, method, keep }`). */
  function rowOf(path: string): Row | undefined {
    const own = rows.find((r) => r.paths.includes(path));
    if (own) return own;
    const parent = path.split('.').slice(0, -1).join('.');
    const name = path.split('.').at(-1)!;
    return rows.find((r) => r.paths.includes(parent) && codeSpans(r.text).some((s) => names(s, name)));
  }

  it('reads the table', () => {
    expect(keys.length).toBeGreaterThan(40);
    expect(rows.length).toBeGreaterThan(20);
  });

  it('documents every key of the schema', () => {
    const documented = (path: string): boolean => rowOf(path) !== undefined || rows.some((r) => r.paths.some((p) => p.startsWith(`${path}.`)));
    expect(keys.map((k) => k.path).filter((p) => !documented(p))).toEqual([]);
  });

  it('documents only keys the schema has', () => {
    const known = new Set([...keys.map((k) => k.path), ...maps]);
    expect(rows.flatMap((r) => r.paths).filter((p) => !known.has(p))).toEqual([]);
  });

  it('bb.config.example.yaml is valid', () => {
    expect(validate(schema, parseYamlValue(example))).toEqual([]);
  });

  it('bb.config.example.yaml ("every key bb reads") shows every key, in use or commented', () => {
    expect(keys.map((k) => k.path.split('.').at(-1)!).filter((name) => !names(example, name))).toEqual([]);
  });

  it('names every allowed value of a key in its row', () => {
    const missing = keys.flatMap((k) => (k.enum ?? []).filter((v) => !codeSpans(rowOf(k.path)?.text ?? '').some((s) => names(s, v))).map((v) => `${k.path}: ${v}`));
    expect(missing).toEqual([]);
  });
});
