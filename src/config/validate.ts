/**
 * A validator for the subset of JSON Schema that bb.config.schema.json uses, so that the schema
 * editors read and the checks bb runs are one and the same document.
 */
import { didYouMean } from '../util/closest.js';

export interface SchemaNode {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  propertyNames?: SchemaNode;
  required?: string[];
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  $ref?: string;
  pattern?: string;
  minimum?: number;
  minItems?: number;
  minLength?: number;
  minProperties?: number;
  description?: string;
  definitions?: Record<string, SchemaNode>;
}

export interface Violation {
  /** Path segments: keys and array indexes. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * Names users write for a value the schema spells otherwise, too far apart for didYouMean: a MariaDB
 * user writes `engine: mariadb` (the mysql engine serves MariaDB), a PostgreSQL one `postgresql`.
 */
const ENUM_ALIASES: Readonly<Record<string, { readonly value: string; readonly why: string }>> = {
  mariadb: { value: 'mysql', why: 'it serves MySQL and MariaDB' },
  postgresql: { value: 'postgres', why: 'it serves PostgreSQL and PGlite' },
  pg: { value: 'postgres', why: 'it serves PostgreSQL and PGlite' },
  pglite: { value: 'postgres', why: 'it serves PostgreSQL and PGlite' },
  chdb: { value: 'clickhouse', why: 'it serves ClickHouse servers and chdb' },
};

export function validate(root: SchemaNode, value: unknown): Violation[] {
  const out: Violation[] = [];
  check(root, root, value, [], out);
  return out;
}

function resolve(root: SchemaNode, node: SchemaNode): SchemaNode {
  if (!node.$ref) return node;
  const name = node.$ref.replace('#/definitions/', '');
  const target = root.definitions?.[name];
  if (!target) throw new Error(`schema: unknown $ref ${node.$ref}`);
  return resolve(root, target);
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(expected: string, actual: string): boolean {
  return expected === actual || (expected === 'number' && actual === 'integer');
}

function describeType(value: unknown): string {
  const t = typeOf(value);
  if (t === 'null') return 'no value'; // `key:` with nothing after it, or `~`
  return t === 'string' ? `the string "${String(value)}"` : t === 'object' ? 'a map' : t === 'array' ? 'a list' : `${t} ${JSON.stringify(value)}`;
}

function check(root: SchemaNode, raw: SchemaNode, value: unknown, path: (string | number)[], out: Violation[]): void {
  const node = resolve(root, raw);
  if (node.anyOf) {
    const attempts = node.anyOf.map((branch) => {
      const errors: Violation[] = [];
      check(root, branch, value, path, errors);
      return { branch: resolve(root, branch), errors };
    });
    if (attempts.some((a) => a.errors.length === 0)) return;
    // Report the branch of the value's own type that came closest; else list the accepted types.
    const sameType = attempts.filter((a) => !a.branch.type || [a.branch.type].flat().some((t) => typeMatches(t, typeOf(value))));
    if (sameType.length > 0) {
      const best = sameType.reduce((a, b) => (b.errors.length < a.errors.length ? b : a));
      out.push(...best.errors);
    } else {
      const types = [...new Set(attempts.flatMap((a) => [a.branch.type ?? []].flat()))].map((t) => (t === 'object' ? 'a map' : t === 'array' ? 'a list' : `a ${t}`));
      out.push({ path, message: `expected ${types.join(' or ')}, found ${describeType(value)}` });
    }
    return;
  }
  if (node.type) {
    const types = [node.type].flat();
    if (!types.some((t) => typeMatches(t, typeOf(value)))) {
      out.push({ path, message: `expected ${types.map((t) => (t === 'object' ? 'a map' : t === 'array' ? 'a list' : `a ${t}`)).join(' or ')}, found ${describeType(value)}` });
      return;
    }
  }
  if (node.enum && !node.enum.includes(value)) {
    const alias = typeof value === 'string' ? ENUM_ALIASES[value.toLowerCase()] : undefined;
    const suggestion = alias && node.enum.includes(alias.value) ? ` (did you mean "${alias.value}"? ${alias.why})` : typeof value === 'string' ? didYouMean(value, node.enum.map(String)) : '';
    out.push({ path, message: `${JSON.stringify(value)} is not one of ${node.enum.map((e) => JSON.stringify(e)).join(', ')}${suggestion}` });
    return;
  }
  if (typeof value === 'string') {
    if (node.minLength !== undefined && value.length < node.minLength) out.push({ path, message: 'must not be empty' });
    if (node.pattern && !new RegExp(node.pattern).test(value)) out.push({ path, message: `"${value}" does not match ${node.pattern}` });
  }
  if (typeof value === 'number' && node.minimum !== undefined && value < node.minimum) {
    out.push({ path, message: `must be at least ${node.minimum}, found ${value}` });
  }
  if (Array.isArray(value)) {
    if (node.minItems !== undefined && value.length < node.minItems) out.push({ path, message: `needs at least ${node.minItems} item${node.minItems === 1 ? '' : 's'}` });
    if (node.items) value.forEach((item, i) => check(root, node.items!, item, [...path, i], out));
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (node.minProperties !== undefined && keys.length < node.minProperties) out.push({ path, message: `needs at least ${node.minProperties} entr${node.minProperties === 1 ? 'y' : 'ies'}` });
    for (const req of node.required ?? []) {
      if (!(req in obj)) out.push({ path, message: `missing required key "${req}"` });
    }
    for (const key of keys) {
      if (node.propertyNames) {
        const names: Violation[] = [];
        check(root, node.propertyNames, key, [...path, key], names);
        if (names.length > 0) out.push({ path: [...path, key], message: `"${key}" is not a valid name (${names[0]!.message})` });
      }
      const prop = node.properties?.[key];
      if (prop) {
        check(root, prop, obj[key], [...path, key], out);
      } else if (node.additionalProperties === false) {
        out.push({ path: [...path, key], message: `unknown key "${key}"${didYouMean(key, Object.keys(node.properties ?? {}))}` });
      } else if (typeof node.additionalProperties === 'object') {
        check(root, node.additionalProperties, obj[key], [...path, key], out);
      }
    }
  }
}

/** "environments[1].targets.app" */
export function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(top level)';
}
