import type { Engine, RawStatement } from '../engine.js';
import type { MigrationDir, MigrationFile } from '../migrations/model.js';

/** What the planner needs to know about one file's statements; computed once per folder. */
export interface FileAnalysis {
  readonly statements: readonly RawStatement[];
  /** Statements that cannot run inside a transaction, with the reason (e.g. CREATE INDEX CONCURRENTLY). */
  readonly nonTransactional: readonly { readonly index: number; readonly line: number; readonly reason: string }[];
  /** Statements the engine refuses before anything runs (e.g. TiDB: stored procedures). */
  readonly unsupported: readonly { readonly index: number; readonly line: number; readonly reason: string }[];
}

export type Analysis = ReadonlyMap<string, FileAnalysis>;

/** Splits every file of a folder with the engine's splitter, after `fill` (placeholders) if given. Pure. */
export function analyze(dir: MigrationDir, engine: Engine, fill?: (sql: string, path: string) => string): Analysis {
  const out = new Map<string, FileAnalysis>();
  for (const file of dir.files) out.set(file.key, analyzeFile(file, fill ? fill(file.sql, file.path) : file.sql, engine));
  return out;
}

export function analyzeFile(file: Pick<MigrationFile, 'directives'>, sql: string, engine: Engine): FileAnalysis {
  const statements = engine.split(sql, file.directives.delimiter !== undefined ? { delimiter: file.directives.delimiter } : {});
  const nonTransactional: { index: number; line: number; reason: string }[] = [];
  const unsupported: { index: number; line: number; reason: string }[] = [];
  for (const stmt of statements) {
    const reason = engine.capabilities.nonTransactional(stmt);
    if (reason) nonTransactional.push({ index: stmt.index, line: stmt.span.line, reason });
    const refused = engine.capabilities.unsupported?.(stmt);
    if (refused) unsupported.push({ index: stmt.index, line: stmt.span.line, reason: refused });
  }
  return { statements, nonTransactional, unsupported };
}
