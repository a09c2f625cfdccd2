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
}

export interface DatabaseConfig {
  readonly name: string;
  readonly engine: EngineName;
  /** Absolute path. */
  readonly migrations: string;
  readonly history: { readonly schema?: string; readonly table?: string };
}

export interface EnvironmentConfig {
  readonly name: string;
  /** Position in the promotion order, 0-based. */
  readonly index: number;
  readonly protected: boolean;
  readonly readonly: boolean;
  readonly drift: 'fail' | 'warn' | 'off';
  /** Database name → target, as written (URLs not yet interpolated). */
  readonly targets: ReadonlyMap<string, TargetConfig>;
}

export type TargetConfig =
  | {
      readonly kind: 'single';
      readonly url: string;
      readonly session: Readonly<Record<string, string | number | boolean>>;
      readonly history: { readonly schema?: string; readonly table?: string };
      readonly cluster?: string;
      /** Config path for messages: environments[2].targets.app */
      readonly where: string;
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
    };
