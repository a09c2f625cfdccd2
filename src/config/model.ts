import type { EngineName } from '../migrations/model.js';

/** The validated configuration, paths resolved. Target URLs stay templates until an environment is used. */
export interface Config {
  /** Absolute path of the config file. */
  readonly file: string;
  /** Folder of the config file: the project root. */
  readonly dir: string;
  readonly databases: ReadonlyMap<string, DatabaseConfig>;
  /** In promotion order. */
  readonly environments: readonly EnvironmentConfig[];
  /** The `rules` block as written (validated further by the linter). */
  readonly rules: Readonly<Record<string, unknown>>;
  readonly plugins: readonly string[];
  /** bb query's audit log: a JSON-lines file (absolute path) or a table in a configured database. */
  readonly audit: AuditConfig;
  /** Absolute folder of bb backup's files and manifests (default <config dir>/.bb/backups). */
  readonly backupsDir: string;
  /**
   * `bb.config.yaml:12: environments[0].targets.app.urls[1]`: where a key path is, for a message about
   * it (the line where the file format has lines; looked up only when asked).
   */
  locate(path: readonly (string | number)[]): string;
}

export type AuditConfig =
  | { readonly kind: 'file'; readonly file: string }
  | { readonly kind: 'table'; readonly database: string; readonly environment?: string; readonly table: string };

/** One masking rule: `column` is [schema.]table.column with * wildcards. */
export interface MaskRule {
  readonly column: string;
  readonly method: 'full' | 'partial' | 'hash';
  /** partial: characters kept at the end (default 4). */
  readonly keep?: number;
}

export interface DatabaseConfig {
  readonly name: string;
  readonly engine: EngineName;
  /** Absolute path. */
  readonly migrations: string;
  readonly history: { readonly schema?: string; readonly table?: string };
  /** bb query masking rules (environments may override them); empty = none. */
  readonly masking: readonly MaskRule[];
  /** Prior backup of UPDATE/DELETE in migrations; undefined = only statements with `-- bb:backup`. */
  readonly priorBackup?: { readonly maxRows: number };
}

export interface EnvironmentConfig {
  readonly name: string;
  /** Position in the promotion order, 0-based. */
  readonly index: number;
  readonly protected: boolean;
  readonly readonly: boolean;
  readonly drift: 'fail' | 'warn' | 'off';
  /** `{{ name }}` placeholder values, as written (${VAR}s interpolated when the environment is used: envVars()). */
  readonly vars: Readonly<Record<string, string | number | boolean>>;
  /** false: bb query refuses this environment (default true). */
  readonly query: boolean;
  /** 'before-migrate': bb migrate backs up every target it will change first (src/backup/backup.ts backupBeforeMigrate). */
  readonly backup: 'before-migrate' | 'off';
  /** Masking overrides: false = none here; per database, rules that replace the database's (false = none). */
  readonly masking?: false | Readonly<Record<string, readonly MaskRule[] | false>>;
  /** Who may use bb query --unmask here: true = anyone, a list = those OS user names; default nobody. */
  readonly unmask: boolean | readonly string[];
  /** Database name → target, as written (URLs not yet interpolated). */
  readonly targets: ReadonlyMap<string, TargetConfig>;
}

export type TargetConfig =
  | {
      readonly kind: 'single';
      readonly url: string;
      /** Where `url` is written, for Config.locate: the target's key (`app: <url>`) or its url key (`app: { url: … }`). */
      readonly urlPath: readonly (string | number)[];
      readonly session: Readonly<Record<string, string | number | boolean>>;
      readonly history: { readonly schema?: string; readonly table?: string };
      readonly cluster?: string;
      /** Config path for messages: environments[2].targets.app */
      readonly where: string;
      /** The same path as keys, for Config.locate: ['environments', 2, 'targets', 'app'] */
      readonly path: readonly (string | number)[];
    }
  | {
      readonly kind: 'group';
      readonly urls: readonly string[];
      readonly discover?: { readonly url: string; readonly match: string; readonly schemas: boolean };
      readonly concurrency: number;
      readonly canary: number;
      readonly onError: 'stop' | 'continue';
      readonly session: Readonly<Record<string, string | number | boolean>>;
      readonly history: { readonly schema?: string; readonly table?: string };
      readonly cluster?: string;
      readonly where: string;
      readonly path: readonly (string | number)[];
    };
