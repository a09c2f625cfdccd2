import { describe, expect, it } from 'vitest';
import { checkRead, executableComment } from './query.js';

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
});
