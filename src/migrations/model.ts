/** The migration folder as plain, frozen data (after Atlas's Dir/File). */

export type EngineName = 'postgres' | 'mysql' | 'tidb' | 'clickhouse' | 'snowflake';
export const ENGINE_NAMES: readonly EngineName[] = ['postgres', 'mysql', 'tidb', 'clickhouse', 'snowflake'];

/** The algorithm travels with the value, so a future algorithm never breaks stored histories. */
export type Checksum = `sha256:${string}`;

/** A version as written ("1.10") and as compared: numbers part by part ([1, 10]). */
export interface Version {
  readonly text: string;
  readonly parts: readonly bigint[];
}

/** 1-based line and column; offset/length in UTF-16 code units of the file text. */
export interface Span {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly offset: number;
  readonly length: number;
}

export interface Directives {
  /** 'off' from `-- bb:transaction off`; 'auto' lets the engine decide from the statements. */
  readonly transaction: 'auto' | 'off';
  /** What turned the transaction off when it was not `-- bb:transaction off` (dbmate's `transaction:false`), as written. */
  readonly transactionOffBy?: string;
  /** Rule ids from `-- bb:disable a, b` in the file's leading comments. */
  readonly disable: readonly string[];
  /** `-- bb:delimiter X` (splitters that support custom delimiters). */
  readonly delimiter?: string;
}

export interface MigrationFile {
  readonly kind: 'versioned' | 'repeatable';
  /** Undefined for repeatable migrations. */
  readonly version: Version | undefined;
  /** The history key: the version text, or `R__<name>` for a repeatable migration. */
  readonly key: string;
  readonly name: string;
  /** Project-relative, posix separators. */
  readonly path: string;
  readonly sql: string;
  readonly checksum: Checksum;
  readonly directives: Directives;
  readonly down?: { readonly path: string; readonly sql: string; readonly checksum: Checksum };
}

export interface MigrationDir {
  readonly database: string;
  readonly engine: EngineName;
  /** Project-relative folder. */
  readonly root: string;
  /** Versioned files in version order, then repeatable ones by name. */
  readonly files: readonly MigrationFile[];
}
