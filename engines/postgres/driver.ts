/** The two transports behind the PostgreSQL engine, cut to what the session needs. */
export interface Driver {
  query<R>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** One statement or a script, with no parameters (simple query protocol). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  /** Cancels the running statement (pg: a cancel request; PGlite: nothing to cancel in-process). */
  cancel(): Promise<void>;
  readonly serverVersion: string;
  /** True for the embedded transport: one process owns the data folder. */
  readonly embedded: boolean;
  /** Before a migration, outside any transaction: lets the transport get ready for its statements. */
  prepare?(statements: readonly string[]): Promise<void>;
}

/** A result field with its origin: the table's oid and the column's attnum (0 when it is not a table column). */
export interface PgField {
  readonly name: string;
  readonly tableID: number;
  readonly columnID: number;
  /** The value's type oid (0 when unknown): int4, bool, json … read as such in JSON output. */
  readonly dataTypeID: number;
}

/** Optional transport features used by bb query (engines/postgres/query.ts). */
export interface Driver {
  /** Rows as arrays of PostgreSQL's text forms, with the fields' origins where the transport reports them (PGlite: tableID 0). */
  arrayQuery?(sql: string): Promise<{ fields: readonly PgField[]; rows: unknown[][] }>;
  /** The result fields of a query, with origins, without running it (the protocol's Describe). */
  describe?(sql: string): Promise<readonly PgField[]>;
  /** Starts `COPY (…) TO STDOUT` and returns its rows as they come (engines/postgres/copy.ts). */
  copyOut?(sql: string): import('./copy.js').CopyOut;
}
