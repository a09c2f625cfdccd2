import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
import { basename } from 'node:path';
import { BbError } from '../errors.js';

/** Parses YAML, keeping a map from key paths to line numbers for error messages. */
export function parse(content: string, filepath: string): { value: unknown; lineOf: (path: readonly (string | number)[]) => number | undefined } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(content, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const pos = lineCounter.linePos(error.pos[0]);
    throw new BbError('config', `${basename(filepath)}:${pos.line}:${pos.col}: YAML syntax error: ${error.message.split('\n')[0]}`, {
      hint: 'Fix the YAML syntax at that line (indentation, a missing colon or an unclosed quote are the usual causes).',
      code: 'config.syntax',
    });
  }
  const lineOf = (path: readonly (string | number)[]): number | undefined => {
    let node: unknown = doc.contents;
    let line: number | undefined;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
        if (!pair) break;
        const keyNode = pair.key as Node | null;
        if (keyNode?.range) line = lineCounter.linePos(keyNode.range[0]).line;
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key];
        const n = node as Node | undefined;
        if (n?.range) line = lineCounter.linePos(n.range[0]).line;
      } else break;
    }
    return line;
  };
  return { value: doc.toJS(), lineOf };
}
