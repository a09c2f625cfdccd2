import { describe, expect, it } from 'vitest';
import { checkRead } from './query.js';

const reason = async (sql: string): Promise<string | undefined> => {
  const check = await checkRead(sql);
  return check.ok ? undefined : check.reason;
};

describe('postgres bb query check', () => {
  it('refuses functions that run SQL text or read whole tables by name, qualified or not', async () => {
    for (const sql of [
      "SELECT query_to_xml('select pg_terminate_backend(123)', true, false, '')",
      "SELECT pg_catalog.query_to_xml('select email, ssn from users', true, false, '')",
      "SELECT query_to_xml_and_xmlschema('select 1', true, false, '')",
      "SELECT query_to_xmlschema('select 1', true, false, '')",
      "SELECT cursor_to_xml('c', 10, true, false, '')",
      "SELECT cursor_to_xmlschema('c', true, false, '')",
      "SELECT table_to_xml('users', true, false, '')",
      "SELECT table_to_xml_and_xmlschema('users', true, false, '')",
      "SELECT schema_to_xml('public', true, false, '')",
      "SELECT database_to_xml(true, false, '')",
      "SELECT * FROM dblink('dbname=app', 'select email from users') AS t(e text)",
      "SELECT dblink_build_sql_insert('users', '1', 1, '{1}', '{1}')",
      "SELECT dblink_send_query('c', 'select 1')",
      "SELECT * FROM ts_stat('select to_tsvector(email) from users')",
      "SELECT ts_rewrite('a'::tsquery, 'select t, s from aliases')",
      "SELECT * FROM crosstab('select 1, 2, 3') AS t(a int, b int)",
      "SELECT x FROM (SELECT query_to_xml('select 1', true, false, '') AS x) s",
    ]) expect(await reason(sql), sql).toMatch(/calls \w+\(\), which runs SQL text or reads whole tables/);
    expect(await reason("SELECT ts_rewrite('a & b'::tsquery, 'a'::tsquery, 'c'::tsquery)")).toBeUndefined();
    expect(await reason("SELECT xmlelement(name a, 'x')")).toBeUndefined();
  });

  it('sends the one statement without the empty statements around it', async () => {
    const text = async (sql: string): Promise<string | undefined> => {
      const check = await checkRead(sql);
      return check.ok ? check.text : `refused: ${check.reason}`;
    };
    expect(await text('SELECT 1;;')).toBe('SELECT 1');
    expect(await text(";; SELECT 'é' AS e ;  -- done\n ; /* x */")).toBe("SELECT 'é' AS e ");
    expect(await text('SELECT 1 -- done')).toBe('SELECT 1 -- done');
  });

  it('counts a whole-row reference to a table, alias, subquery or CTE as touching every column (like *)', async () => {
    const star = async (sql: string): Promise<boolean | undefined> => {
      const check = await checkRead(sql);
      return check.ok ? check.star : undefined;
    };
    for (const sql of ['SELECT u FROM users u', 'SELECT row_to_json(u) FROM users u', 'SELECT json_agg(users) FROM users', "SELECT format('%s', u) FROM users u", 'SELECT to_jsonb(s) FROM (SELECT id FROM users) s', 'WITH c AS (SELECT id FROM users) SELECT c FROM c']) {
      expect(await star(sql), sql).toBe(true);
    }
    expect(await star('SELECT u.id, email FROM users u')).toBe(false);
  });
});
