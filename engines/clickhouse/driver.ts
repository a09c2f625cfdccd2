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
  /**
   * bb query: a new connection whose every statement runs with `settings` (readonly = 1 among them, so
   * it can never be changed back: the connection is used for one query and closed).
   */
  readOnly(settings: Readonly<Record<string, string | number>>): Promise<ReadConnection>;
  /** bb backup: one SELECT's rows in ClickHouse's Native format, as the transport hands the bytes over. */
  exportNative(sql: string, signal?: AbortSignal): AsyncIterable<Uint8Array>;
  /** bb restore: Native bytes (any chunking: a concatenation of Native blocks) inserted into `table` (quoted, qualified). */
  importNative(table: string, data: AsyncIterable<Uint8Array>, signal?: AbortSignal): Promise<void>;
}

/** A connection that only reads (see Driver.readOnly). */
export interface ReadConnection {
  query<R>(sql: string, params?: Readonly<Record<string, unknown>>): Promise<R[]>;
  /**
   * One SELECT, streamed in the server's blocks: its column names are known once the first block has
   * arrived, then the rows (arrays, JSON values) follow block by block as the consumer asks.
   */
  stream(sql: string, signal?: AbortSignal): Promise<RowStream>;
  /** Stops a running stream (and its statement on the server) and closes the connection; idempotent. */
  close(): Promise<void>;
}

export interface RowStream {
  readonly names: readonly string[];
  readonly types: readonly string[];
  readonly blocks: AsyncIterable<unknown[][]>;
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
