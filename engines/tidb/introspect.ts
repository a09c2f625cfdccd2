/**
 * information_schema on TiDB has the tables the MySQL introspection reads (TABLES, COLUMNS, STATISTICS,
 * KEY_COLUMN_USAGE, REFERENTIAL_CONSTRAINTS, VIEWS; ROUTINES, TRIGGERS and EVENTS exist and are empty).
 * CHECK_CONSTRAINTS exists from TiDB 7.2; the MySQL introspection skips it when missing.
 */
export { introspect } from '../mysql/introspect.js';
