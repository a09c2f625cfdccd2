import { describe, expect, it } from 'vitest';
import type { RawStatement } from '../../src/engine.js';
import { sessionState } from './transactions.js';

const replayed = (text: string): boolean => sessionState({ index: 0, text, span: { line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, length: text.length }, comments: [] } satisfies RawStatement);

describe('PostgreSQL sessionState: what a resumed migration replays', () => {
  it('replays SET and RESET of the session', () => {
    for (const text of [
      'SET search_path TO s1, public',
      "set search_path = 's1'",
      'SET SESSION statement_timeout = 0',
      'SET ROLE app_owner',
      "SET SESSION AUTHORIZATION 'app_owner'",
      "SET TIME ZONE 'UTC'",
      'SET SCHEMA \'s1\'',
      'SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE',
      'RESET search_path',
      'RESET ROLE',
      'RESET ALL',
      '-- for the index below\n/* long */ SET maintenance_work_mem = \'1GB\'',
    ]) expect(replayed(text), text).toBe(true);
  });

  it('does not replay what ended with its transaction, or anything else', () => {
    for (const text of [
      'SET LOCAL search_path TO s1',
      'SET TRANSACTION ISOLATION LEVEL SERIALIZABLE',
      'SET CONSTRAINTS ALL DEFERRED',
      "SELECT set_config('search_path', 's1', false)",
      'ALTER TABLE t SET SCHEMA s1',
      'ALTER ROLE app SET search_path TO s1',
      'CREATE INDEX CONCURRENTLY i ON t (a)',
      'UPDATE t SET a = 1',
    ]) expect(replayed(text), text).toBe(false);
  });
});
