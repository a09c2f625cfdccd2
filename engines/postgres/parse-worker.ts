/**
 * The worker side of parallel.ts: loads its own libpg-query, then for each file it is sent takes
 * batches from the shared counter, parses them with the same parseBatch() as the main thread, and
 * sends kind, facts and the tree as JSON for each statement.
 */
import { parentPort } from 'node:worker_threads';
import type { ParsedStatement, RawStatement } from '../../src/engine.js';
import type { WorkerBatch, WorkerItem, WorkerJob } from './parallel.js';
import { loadParser, parseBatch } from './parse.js';

const NO_SPAN = { line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, length: 0 };
const parser = loadParser();

const toItem = (s: ParsedStatement): WorkerItem => {
  if (s.kind === 'unparsed') return { kind: s.kind, facts: {}, ...(s.error !== undefined ? { error: s.error } : {}), ...(s.errorOffset !== undefined ? { errorOffset: s.errorOffset } : {}) };
  return { kind: s.kind, facts: s.facts, ...(s.ast !== undefined ? { json: JSON.stringify(s.ast) } : {}) };
};

parentPort!.on('message', async ({ texts, batchSize, next }: WorkerJob) => {
  const p = await parser;
  const count = Math.ceil(texts.length / batchSize);
  for (let b = Atomics.add(next, 0, 1); b < count; b = Atomics.add(next, 0, 1)) {
    // parseBatch reads only the text (the main thread keeps the spans and comments).
    const batch: RawStatement[] = texts.slice(b * batchSize, (b + 1) * batchSize).map((text, k) => ({ index: b * batchSize + k, text, span: NO_SPAN, comments: [] }));
    const message: WorkerBatch = { batch: b, items: parseBatch(p, batch).map(toItem) };
    parentPort!.postMessage(message);
  }
});
