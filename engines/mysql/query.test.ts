import { describe, expect, it } from 'vitest';
import { checkRead, dashWithoutSpace, executableComment } from './query.js';

describe('mysql bb query check', () => {
  it('refuses executable comments, which the server runs and the parser skips', async () => {
    for (const sql of [
      "SELECT id FROM users /*!INTO OUTFILE '/tmp/x.txt' */",
      "SELECT 1 /*!, GET_LOCK('a',1) */",
      "SELECT 1 /*!50000 , LOAD_FILE('/etc/hostname') */",
      "SELECT id /*!, concat(email,'') AS e */ FROM users",
      "SELECT id /*M!100100 , email */ FROM users",
      "SELECT id /*m!, email */ FROM users",
    ]) {
      const check = await checkRead(sql);
      expect(check, sql).toMatchObject({ ok: false, reason: expect.stringMatching(/^contains an executable comment \(\/\*M?!…\*\/\)/i), hint: expect.stringMatching(/plain SQL/) });
    }
  });

  it('lets the same characters through inside strings, quoted names and ordinary comments', async () => {
    for (const sql of ["SELECT '/*!, x */' AS a", 'SELECT "it\'s /*!" AS a', "SELECT 'a\\' /*!' AS a", 'SELECT 1 AS `/*!x`', 'SELECT 1 /* not /*! executable */', "SELECT 1 -- /*! x\n", 'SELECT 1 # /*! x']) {
      expect(executableComment(sql), sql).toBeUndefined();
      expect((await checkRead(sql)).ok, sql).toBe(true);
    }
  });

  it('refuses `--` without a space after it, which MySQL reads as two minus signs and the parser as a comment', async () => {
    for (const sql of ['SELECT name --phone\nFROM users', 'SELECT 1--1', "SELECT id, name --GET_LOCK('a', 1)\nFROM users"]) {
      expect(dashWithoutSpace(sql), sql).toBe(true);
      expect(await checkRead(sql), sql).toMatchObject({ ok: false, reason: expect.stringMatching(/^contains `--` without a space/), hint: expect.stringMatching(/space after/) });
    }
    for (const sql of ['SELECT 1 -- note\n', 'SELECT 1 --', "SELECT '--x' AS a", 'SELECT 1 AS `--x`', 'SELECT 1 /* --x */', 'SELECT 1 # --x', 'SELECT 1 - -1 AS a']) {
      expect(dashWithoutSpace(sql), sql).toBe(false);
      expect((await checkRead(sql)).ok, sql).toBe(true);
    }
  });

  it('refuses a side-effect function named anywhere in the text, strings and comments included', async () => {
    for (const sql of ["SELECT 'a\\' , GET_LOCK('a', 1), '' AS x", "SELECT 1 AS a -- load_file('/etc/passwd')", 'SELECT `release_lock` FROM t']) {
      expect(await checkRead(sql), sql).toMatchObject({ ok: false, reason: expect.stringMatching(/^names (get_lock|load_file|release_lock)\(\), which has side effects/) });
    }
    expect((await checkRead('SELECT get_locks, my_load_file FROM t')).ok).toBe(true);
  });

  it("refuses reads of column statistics (mysql.column_stats, information_schema.COLUMN_STATISTICS): they hold masked columns' values", async () => {
    for (const sql of ['SELECT * FROM mysql.column_stats', 'SELECT HISTOGRAM FROM information_schema.COLUMN_STATISTICS', 'SELECT id FROM users WHERE id IN (SELECT 1 FROM mysql.column_stats)']) {
      expect(await checkRead(sql), sql).toMatchObject({ ok: false, reason: expect.stringMatching(/^reads column_stat(s|istics), whose sample values/i), hint: expect.stringMatching(/own client/) });
    }
  });
});
