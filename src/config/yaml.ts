import { CORE_SCHEMA, load, type YAMLException } from 'js-yaml';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { BbError } from '../errors.js';

/**
 * A YAML document's value (YAML 1.2 core schema: dates stay strings, duplicate keys are errors).
 * js-yaml loads in ~4 ms where `yaml`, whose document model keeps every key's position, takes ~30 ms:
 * every command that reads the config pays that at start-up, so positions are computed (with `yaml`)
 * only when a message asks for a line (see parse()).
 */
export function parseYamlValue(content: string): unknown {
  return load(content, { schema: CORE_SCHEMA });
}

/** Parses YAML; `lineOf` maps a key path to its line, for error messages. */
export function parse(content: string, filepath: string): { value: unknown; lineOf: (path: readonly (string | number)[]) => number | undefined } {
  let value: unknown;
  try {
    value = parseYamlValue(content);
  } catch (error) {
    const mark = (error as YAMLException).mark;
    const reason = (error as YAMLException).reason ?? String(error);
    throw new BbError('config', `${basename(filepath)}:${mark ? `${mark.line + 1}:${mark.column + 1}:` : ''} YAML syntax error: ${reason}`, {
      hint: 'Fix the YAML syntax at that line (indentation, a missing colon or an unclosed quote are the usual causes).',
      code: 'config.syntax',
    });
  }
  let lineOf: ((path: readonly (string | number)[]) => number | undefined) | undefined;
  return { value, lineOf: (path) => (lineOf ??= keyLines(content))(path) };
}

/** Line numbers of key paths, from `yaml`'s document model (loaded here, synchronously: messages only). */
export function keyLines(content: string): (path: readonly (string | number)[]) => number | undefined {
  const { LineCounter, parseDocument, isMap, isSeq } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  const lineCounter = new LineCounter();
  const doc = parseDocument(content, { lineCounter });
  return (path) => {
    let node: unknown = doc.contents;
    let line: number | undefined;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
        if (!pair) break;
        const keyNode = pair.key as { range?: [number, number, number] } | null;
        if (keyNode?.range) line = lineCounter.linePos(keyNode.range[0]).line;
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key];
        const n = node as { range?: [number, number, number] } | undefined;
        if (n?.range) line = lineCounter.linePos(n.range[0]).line;
      } else break;
    }
    return line;
  };
}
