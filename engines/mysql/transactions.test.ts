import { describe, expect, it } from 'vitest';
import type { RawStatement } from '../../src/engine.js';
import { sessionState } from './transactions.js';

const stmt = (text: string): RawStatement => ({ index: 0, text, span: { line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, length: text.length }, comments: [] });
const replayed = (text: string): boolean => sessionState(stmt(text));

describe('MySQL sessionState: what a resumed migration replays', () => {
  it('replays session variables, NAMES, CHARACTER SET, ROLE, USE', () => {
    for (const text of [
      "SET sql_mode = 'ANSI_QUOTES'",
      "SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES')",
      'SET LOCAL foreign_key_checks = 0',
      'SET @@foreign_key_checks = 0',
      'SET @@session.foreign_key_checks := 0',
      'SET @@SESSION . innodb_lock_wait_timeout = 5, unique_checks = 0',
      'SET time_zone = DEFAULT',
      'SET transaction_isolation = \'READ-COMMITTED\'',
      'SET NAMES utf8mb4 COLLATE utf8mb4_bin',
      "SET CHARACTER SET 'utf8mb4'",
      'SET CHARSET utf8mb4',
      'SET ROLE app_writer',
      'SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED',
      'USE other_db',
      'use `other db`',
      '/*!40101 SET NAMES utf8mb4 */',
      '-- keep the old behaviour\nSET sql_mode = \'\'',
    ]) expect(replayed(text), text).toBe(true);
  });

  it('replays user variables, the reads that set them and PREPARE', () => {
    for (const text of [
      'SET @n = 1',
      "SET @`my var` := 'x', @other = @n + 1",
      'SET @max_id := (SELECT MAX(id) FROM orders WHERE note <> \'SET GLOBAL x = 1\')',
      'SELECT COUNT(*) INTO @n FROM orders',
      'SELECT a, b INTO @a, @b FROM t WHERE id = 1',
      'SELECT a FROM t WHERE id = 1 INTO @a',
      "PREPARE add_column FROM 'ALTER TABLE t ADD COLUMN c int'",
      'PREPARE s FROM @ddl',
      'DEALLOCATE PREPARE s',
      'DROP PREPARE s',
    ]) expect(replayed(text), text).toBe(true);
  });

  it('does not replay what changed the server, or lasted one transaction or one statement', () => {
    for (const text of [
      'SET GLOBAL max_connections = 500',
      'SET PERSIST max_connections = 500',
      'SET PERSIST_ONLY max_connections = 500',
      'SET @@global.max_connections = 500',
      'SET @@GLOBAL.max_connections = 500',
      'SET @@persist.max_connections = 500',
      'SET sql_mode = \'\', GLOBAL max_connections = 500',
      'SET @n = 1, @@global.max_connections = 500',
      'SET TRANSACTION ISOLATION LEVEL SERIALIZABLE',
      'SET GLOBAL TRANSACTION ISOLATION LEVEL SERIALIZABLE',
      "SET PASSWORD = 'x'",
      "SET PASSWORD FOR app = 'x'",
      'SET DEFAULT ROLE app_writer TO app',
      'SET STATEMENT max_statement_time = 60 FOR ALTER TABLE t ADD COLUMN c int',
      'SET RESOURCE GROUP batch',
      'SET CONFIG tikv `split.qps-threshold` = 1000',
      'SET BINDING DISABLED FOR SELECT * FROM t',
      "SELECT * FROM t INTO OUTFILE '/tmp/t.csv'",
      'SELECT @n',
      'SELECT 1 FROM t WHERE note = \'INTO @x\'',
      'EXECUTE s',
      'INSERT INTO t SELECT @n',
      'CREATE TABLE t (id int)',
    ]) expect(replayed(text), text).toBe(false);
  });
});
