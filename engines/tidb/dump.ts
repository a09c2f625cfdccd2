/** Canonical DDL as for MySQL (TiDB reads MySQL DDL). */
export { dump } from '../mysql/dump.js';
