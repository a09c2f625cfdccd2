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
