/** TiDB scripts are written for the `mysql` client: the MySQL splitter (DELIMITER, #, /*! *\/ …) as is. */
export { splitMysql as splitTidb } from '../mysql/split.js';
