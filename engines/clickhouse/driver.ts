/** The two transports behind the ClickHouse engine (HTTP and embedded chdb), cut to what the session needs. */
export interface Driver {
  /** A query returning rows (JSONEachRow). Parameters bind `{name:Type}` placeholders server-side. */
  query<R>(sql: string, params?: Readonly<Record<string, unknown>>): Promise<R[]>;
  /** One statement, no result. Settings apply to this statement only. */
  exec(sql: string, options?: { params?: Readonly<Record<string, unknown>>; settings?: Readonly<Record<string, string | number>>; signal?: AbortSignal }): Promise<void>;
  /**
   * A second, independent connection to the same database (no shared HTTP session, no shared SET
   * state): the lock heartbeat runs on it while a migration statement runs on this one.
   */
  fork(): Promise<Driver>;
  close(): Promise<void>;
  readonly serverVersion: string;
  /** The connection's current database. */
  readonly database: string;
  /** True for chdb: one process owns the data folder. */
  readonly embedded: boolean;
}

/**
 * Settings bb applies to every statement it runs: mutations and ALTERs wait until done on every
 * replica (so a migration never leaves work silently running behind it), and inserts are synchronous
 * (chdb enables async_insert by default; a buffered history or lock row would break the lock protocol).
 */
export const BB_SETTINGS: Readonly<Record<string, string | number>> = {
  mutations_sync: 2,
  alter_sync: 2,
  async_insert: 0,
};
