/**
 * `bb lint` in a project replays every earlier migration of the folder to know the schema the linted
 * file meets (schema.walk-through and the rules about existing tables). On MySQL, whose parser is
 * slow, that replay was most of a pre-commit run: 352 kratos migrations, ~0.5 s of a 0.75 s run.
 *
 * The schema after the earlier files is kept in `.bb/cache/lint-replay-<database>.json` with each
 * file's path and checksum. A later run starts from it when those files are, unchanged and in the
 * same order, the first of its own earlier files, and replays only the files after them. bb's version
 * and the engine are part of the key (the facts a replay builds on change with bb). An unreadable,
 * stale or foreign cache is ignored, and a cache that cannot be written is not an error: the run
 * just replays everything, as without it.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BB_VERSION } from '../version.js';
import { SchemaModel, type SchemaModelData } from './schema-model.js';

const FORMAT = 1;

/** An earlier migration as the cache keys it. */
export interface ReplayedFile {
  readonly path: string;
  readonly checksum: string;
}

interface CacheData {
  readonly format: number;
  readonly bb: string;
  readonly engine: string;
  readonly files: readonly ReplayedFile[];
  readonly model: SchemaModelData;
}

/** The cache file of one database of a project. */
export function replayCachePath(projectDir: string, database: string): string {
  return join(projectDir, '.bb', 'cache', `lint-replay-${database.replace(/[^\w.-]+/g, '_')}.json`);
}

/**
 * The cached schema when its files are the first of `before` (same paths, same checksums, same
 * order): the model after them and how many of `before` it covers. Undefined otherwise.
 */
export function readReplayCache(path: string, engine: string, before: readonly ReplayedFile[]): { count: number; model: SchemaModel } | undefined {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as CacheData;
    if (data.format !== FORMAT || data.bb !== BB_VERSION || data.engine !== engine || data.files.length > before.length) return undefined;
    for (let i = 0; i < data.files.length; i++) {
      if (data.files[i]!.path !== before[i]!.path || data.files[i]!.checksum !== before[i]!.checksum) return undefined;
    }
    return { count: data.files.length, model: SchemaModel.fromData(data.model) };
  } catch {
    return undefined; // missing, or not a cache this bb wrote
  }
}

/** Keeps the schema after `files` for the next run; written whole under a temporary name first, errors ignored. */
export function writeReplayCache(path: string, engine: string, files: readonly ReplayedFile[], model: SchemaModel): void {
  const data: CacheData = { format: FORMAT, bb: BB_VERSION, engine, files: files.map((f) => ({ path: f.path, checksum: f.checksum })), model: model.toData() };
  const partial = `${path}.${process.pid}.partial`;
  try {
    const dir = join(path, '..');
    mkdirSync(dir, { recursive: true });
    // Ignored by git whatever the project's .gitignore says (as .pytest_cache and .ruff_cache do).
    if (!existsSync(join(dir, '.gitignore'))) writeFileSync(join(dir, '.gitignore'), '# bb lint\'s replay cache (docs/lint.md): never committed.\n*\n');
    writeFileSync(partial, JSON.stringify(data));
    renameSync(partial, path);
  } catch {
    // A read-only checkout or a full disk: the next run replays everything, as without a cache.
    try {
      rmSync(partial, { force: true });
    } catch {
      // there was no folder to write it in
    }
  }
}
