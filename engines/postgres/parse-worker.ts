/**
 * The worker side of parallel.ts: loads its own libpg-query, then for each file it is sent takes
 * batches from the shared counter and sends kind, facts and libpg-query's JSON for each statement.
 */
import { parentPort } from 'node:worker_threads';
import type { WorkerBatch, WorkerJob } from './parallel.js';
import { loadParser, parseForWorker } from './parse.js';

const parser = loadParser();

parentPort!.on('message', async ({ texts, batchSize, next }: WorkerJob) => {
  const p = await parser;
  const count = Math.ceil(texts.length / batchSize);
  for (let b = Atomics.add(next, 0, 1); b < count; b = Atomics.add(next, 0, 1)) {
    const message: WorkerBatch = { batch: b, items: texts.slice(b * batchSize, (b + 1) * batchSize).map((text) => parseForWorker(p, text)) };
    parentPort!.postMessage(message);
  }
});
