/**
 * Opt-in (BB_PARSE_WORKER=on, see workerWanted): parsing a big file on two threads: this thread and one worker (parse-worker.ts) take batches of
 * statements from a shared counter until none is left, so the faster side simply takes more (a worker
 * needs ~100-200 ms to start, so it is started early when a big file is announced: startWorker()). The
 * result is the same list, in the same order, as parsing every batch here: the worker parses its
 * batches statement by statement (parse.ts parseForWorker, the same tree and facts as parseBatch) and
 * sends each statement's kind and facts, and libpg-query's JSON of its tree, which is parsed only if a
 * rule reads `ast` (most rules read facts only, so most of the worker's trees are never rebuilt here).
 * If the worker cannot start or fails, the batches it took are parsed here.
 */
import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParsedStatement, RawStatement, StatementKind } from '../../src/engine.js';

/** One parsed statement as the worker sends it: everything but the raw statement, with the tree as JSON. */
export interface WorkerItem {
  readonly kind: StatementKind;
  readonly facts: ParsedStatement['facts'];
  /** libpg-query's JSON for this statement alone (treeOf() makes it `ast`); undefined when it has no tree. */
  readonly json?: string;
  readonly error?: string;
  readonly errorOffset?: number;
}

/** Main → worker: one file's statements. */
export interface WorkerJob {
  readonly texts: readonly string[];
  readonly batchSize: number;
  /** Int32Array over a SharedArrayBuffer: [0] is the next batch to take (shared by both threads). */
  readonly next: Int32Array;
}

/** Worker → main: one parsed batch. */
export interface WorkerBatch {
  readonly batch: number;
  readonly items: readonly WorkerItem[];
}

/** parse-worker.js beside this file (parse-worker.cjs in the CommonJS bundle: same extension as this file's). */
const WORKER = new URL(`./parse-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

interface Helper {
  readonly worker: Worker;
  alive: boolean;
  onBatch?: ((m: WorkerBatch) => void) | undefined;
  onEnd?: (() => void) | undefined;
}

let helper: Helper | undefined;

/**
 * Opt-in (BB_PARSE_WORKER=on): on the 2-core benchmark machine, under the load other jobs put on it,
 * the worker halved the parse phase's own time but not the run's wall time (the worker's start-up and
 * the main thread compete for the same cores; docs/lint.md "Performance"), and it costs ~300 ms of CPU.
 */
function workerWanted(): boolean {
  return process.env.BB_PARSE_WORKER === 'on';
}

/** Starts the worker (once) so that it is ready when the big file's statements arrive. */
export function startWorker(): void {
  if (helper?.alive) return;
  helper = undefined;
  if (!workerWanted()) return;
  // Only from the compiled build (under a TypeScript runner the worker's .js file does not exist).
  if (!existsSync(fileURLToPath(WORKER))) return;
  try {
    const worker = new Worker(WORKER, { stdout: false, stderr: false });
    const h: Helper = { worker, alive: true };
    worker.unref(); // an idle worker never keeps bb running
    worker.on('message', (m: WorkerBatch) => h.onBatch?.(m));
    const end = (): void => {
      h.alive = false;
      h.onEnd?.();
    };
    worker.on('error', end);
    worker.on('exit', end);
    helper = h;
  } catch {
    helper = undefined;
  }
}

export async function parseInParallel(
  stmts: readonly RawStatement[],
  batchSize: number,
  parseBatch: (batch: readonly RawStatement[]) => ParsedStatement[],
  treeOf: (json: string, text: string) => unknown,
): Promise<ParsedStatement[]> {
  const count = Math.ceil(stmts.length / batchSize);
  const results: (ParsedStatement[] | undefined)[] = new Array(count).fill(undefined);
  const next = new Int32Array(new SharedArrayBuffer(4));
  const batchOf = (b: number): readonly RawStatement[] => stmts.slice(b * batchSize, (b + 1) * batchSize);

  startWorker();
  const h = helper;
  let received = 0;
  let wake: (() => void) | undefined;
  if (h?.alive) {
    h.onBatch = (m) => {
      results[m.batch] = m.items.map((item, k) => fromWorker(stmts[m.batch * batchSize + k]!, item, treeOf));
      received++;
      wake?.();
    };
    h.onEnd = () => wake?.();
    const job: WorkerJob = { texts: stmts.map((s) => s.text), batchSize, next };
    h.worker.postMessage(job);
  }

  let mine = 0;
  for (let b = Atomics.add(next, 0, 1); b < count; b = Atomics.add(next, 0, 1)) {
    results[b] = parseBatch(batchOf(b));
    mine++;
  }
  // Every batch is taken: wait for the ones the worker took (unless it died; then they are parsed here).
  while (h?.alive && received + mine < count) await new Promise<void>((resolve) => (wake = resolve));
  if (h) h.onBatch = h.onEnd = undefined;
  // BB_DEBUG shows whether the worker ran (a missing worker file would otherwise only make it slower).
  if (process.env.BB_DEBUG) process.stderr.write(`bb: parse worker ${h ? 'on' : 'off'}: ${mine} of ${count} batches on the main thread, ${received} in the worker\n`);
  const out: ParsedStatement[] = [];
  for (let b = 0; b < count; b++) for (const s of results[b] ?? parseBatch(batchOf(b))) out.push(s);
  return out;
}

/** The worker's statement with its raw statement; the tree is rebuilt from JSON on first read. */
function fromWorker(raw: RawStatement, item: WorkerItem, treeOf: (json: string, text: string) => unknown): ParsedStatement {
  if (item.kind === 'unparsed') {
    return { ...raw, kind: 'unparsed', facts: {}, ast: undefined, error: item.error ?? 'syntax error', ...(item.errorOffset !== undefined ? { errorOffset: item.errorOffset } : {}) };
  }
  let json = item.json;
  let tree: unknown;
  return {
    ...raw, kind: item.kind, facts: item.facts,
    get ast(): unknown {
      if (json !== undefined) {
        tree = treeOf(json, raw.text);
        json = undefined;
      }
      return tree;
    },
  };
}
