import { describe, expect, it } from 'vitest';
import type { RawStatement } from '../../src/engine.js';
import { sessionState } from './transactions.js';

const replayed = (text: string): boolean => sessionState({ index: 0, text, span: { line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, length: text.length }, comments: [] } satisfies RawStatement);

describe('Snowflake sessionState: what a resumed migration replays', () => {
  it('replays USE, ALTER SESSION and session variables', () => {
    for (const text of [
      'USE DATABASE analytics;',
      'use schema analytics.staging',
      'USE WAREHOUSE transform_wh;',
      'USE ROLE transformer;',
      'USE SECONDARY ROLES ALL;',
      'USE analytics.staging;',
      "ALTER SESSION SET TIMEZONE = 'UTC';",
      'alter session unset query_tag;',
      'SET cutoff = 100;',
      "SET (a, b) = (1, 'x');",
      'SET max_id = (SELECT MAX(id) FROM orders);',
      'UNSET cutoff;',
      '// for the backfill below\nALTER SESSION SET QUERY_TAG = \'bb\';',
    ]) expect(replayed(text), text).toBe(true);
  });

  it('does not replay what outlives the session', () => {
    for (const text of [
      "ALTER USER app SET DEFAULT_ROLE = 'x';",
      'ALTER ACCOUNT SET TIMEZONE = \'UTC\';',
      'ALTER WAREHOUSE transform_wh SET WAREHOUSE_SIZE = LARGE;',
      'ALTER TABLE t SET DATA_RETENTION_TIME_IN_DAYS = 1;',
      'UPDATE t SET a = 1;',
      'CREATE TABLE users (id INT);',
    ]) expect(replayed(text), text).toBe(false);
  });
});
