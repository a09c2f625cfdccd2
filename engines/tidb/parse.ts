/**
 * TiDB's SQL is MySQL's (its own parser is a MySQL grammar): statements are classified and read by the
 * MySQL adapter, facts included. What TiDB refuses is decided in transactions.ts (`unsupported`).
 */
export { parseMysql as parseTidb, classify } from '../mysql/parse.js';
