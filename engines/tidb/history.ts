/**
 * The MySQL history tables work unchanged on TiDB (InnoDB-style DDL, utf8mb4_bin, DATETIME(6),
 * JSON_ARRAY_APPEND and ON DUPLICATE KEY UPDATE are all supported by TiDB ≥ 4). Verified against
 * MariaDB by the tidb engine tests (test/tidb.engine.test.ts); TiDB itself was not available.
 */
export { MysqlHistory as TidbHistory } from '../mysql/history.js';
