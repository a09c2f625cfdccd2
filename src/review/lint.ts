/**
 * Lints chosen files of a loaded database with the rule levels of one environment (or the base rules),
 * each against the schema the earlier migrations of its folder build. Shared by `bb review` (changed
 * files, per environment) and `bb report` (pending files).
 */
import type { Config } from '../config/model.js';
import type { MigrationFile } from '../migrations/model.js';
import type { LoadedDatabase } from '../run/project.js';
import type { Finding } from '../lint/types.js';

export interface LintedFile {
  readonly path: string;
  readonly version: string;
  readonly findings: readonly Finding[];
}

export interface Linter {
  /** Lints `files` (in folder order) of `db` with the rules of `environment` (undefined: the base rules). */
  lint(db: LoadedDatabase, files: readonly MigrationFile[], environment: string | undefined): Promise<LintedFile[]>;
}

/** Loads the registry (built-in rules and plugins) once; resolves rules per engine and environment on demand. */
export async function createLinter(config: Config): Promise<Linter> {
  const [{ loadRegistry }, { resolveRules }, { lintFile, replay, BUILTIN_FINDINGS }] = await Promise.all([
    import('../lint/registry.js'),
    import('../lint/config.js'),
    import('../lint/linter.js'),
  ]);
  const registry = await loadRegistry({ plugins: config.plugins, baseDir: config.dir, locate: config.locate });
  const knownIds = new Set<string>([...registry.keys(), ...BUILTIN_FINDINGS]);
  const rulesCache = new Map<string, Awaited<ReturnType<typeof resolveRules>>>();
  return {
    async lint(db, files, environment) {
      const cacheKey = `${db.engine.name}\u0000${environment ?? ''}`;
      let rules = rulesCache.get(cacheKey);
      if (!rules) {
        rules = await resolveRules({ registry, config: config.rules, engine: db.engine.name, environment, baseDir: config.dir, locate: config.locate });
        rulesCache.set(cacheKey, rules);
      }
      const wanted = new Set(files.map((f) => f.key));
      const out: LintedFile[] = [];
      const { SchemaModel } = await import('../lint/schema-model.js');
      // Replay the folder once, in order, linting the wanted files as they come.
      const schema = new SchemaModel();
      let left = files.filter((f) => f.kind === 'versioned').length;
      for (const file of db.dir.files) {
        if (left === 0) break;
        if (file.kind !== 'versioned') continue;
        if (wanted.has(file.key)) {
          const result = await lintFile({ path: file.path, sql: file.sql, engine: db.engine, rules: rules.active, schemaBefore: schema.clone(), knownIds, ...(environment !== undefined ? { environment } : {}) });
          out.push({ path: file.path, version: file.key, findings: result.findings });
          left--;
        }
        await replay(db.engine, [{ path: file.path, sql: file.sql }], schema);
      }
      for (const file of files) {
        if (file.kind !== 'repeatable') continue;
        const result = await lintFile({ path: file.path, sql: file.sql, engine: db.engine, rules: rules.active, schemaBefore: schema.clone(), knownIds, ...(environment !== undefined ? { environment } : {}) });
        out.push({ path: file.path, version: file.key, findings: result.findings });
      }
      return out;
    },
  };
}
