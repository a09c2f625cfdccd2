/** One mysql2 connection, cut to what the session, history and lock need. */
export interface Driver {
  /** Rows of a query; `?` placeholders are filled by mysql2 (client-side escaping). */
  query<R>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs one statement; resolves with the affected row count (0 for DDL). */
  exec(sql: string, params?: readonly unknown[]): Promise<number>;
  /** The server's connection id (for KILL QUERY, IS_USED_LOCK and the process list). */
  readonly threadId: number;
  close(): Promise<void>;
}

/** What the server is, from VERSION() (and tidb_version() on TiDB). */
export interface ServerInfo {
  readonly flavor: 'mysql' | 'mariadb' | 'tidb';
  /** "MariaDB 10.11.6", "MySQL 8.0.36", "TiDB v7.5.1 (MySQL 8.0.11 protocol)". */
  readonly display: string;
  /** The flavor's own version: [10, 11, 6] for MariaDB, [7, 5, 1] for TiDB. */
  readonly version: readonly number[];
}
