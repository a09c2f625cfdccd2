import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify, loadParser, parseManyPostgres, parsePostgres } from './parse.js';
import { splitPostgres } from './split.js';
import type { ParsedStatement } from '../../src/engine.js';

const CORPORA = resolve(import.meta.dirname, '../../../shared/corpora/postgres');
const parseOne = async (sql: string) => parsePostgres(splitPostgres(sql)[0]!);
/** Every field a rule can read (a batch statement's `ast` is a getter on its class, not an own property). */
const fields = (s: ParsedStatement) => ({ index: s.index, text: s.text, span: s.span, comments: s.comments, kind: s.kind, facts: s.facts, ast: s.ast, error: s.error, errorOffset: s.errorOffset });

describe('postgres parse adapter (libpg-query)', () => {
  it('classifies kinds like the keyword classifier and fills facts', async () => {
    const s = await parseOne('ALTER TABLE app.users ADD COLUMN email text NOT NULL DEFAULT gen_random_uuid()::text;');
    expect(s.kind).toBe('alter-table');
    expect(s.facts.alterTable?.table).toMatchObject({ schema: 'app', name: 'users' });
    const add = s.facts.alterTable?.actions[0];
    expect(add?.type).toBe('add-column');
    expect(add?.type === 'add-column' && add.column).toMatchObject({ name: 'email', type: 'text', notNull: true, defaultVolatile: true });
    for (const sql of ['CREATE TABLE t (a int);', 'DROP INDEX i;', 'INSERT INTO t VALUES (1);', 'BEGIN;', 'SET x = 1;', 'SELECT 1;', 'VACUUM t;']) {
      const stmt = splitPostgres(sql)[0]!;
      expect((await parsePostgres(stmt)).kind, sql).toBe(classify(stmt).kind);
    }
  });

  it('a statement the parser rejects is unparsed with the message and the offset', async () => {
    const s = await parseOne('CREATE TABLEX t (a int);');
    expect(s.kind).toBe('unparsed');
    expect(s.error).toContain('syntax error');
    expect(s.errorOffset).toBe(7);
  });

  it('parseMany gives the same kinds, facts and trees as parse, statement by statement, on the corpora', async () => {
    await loadParser();
    for (const set of ['kratos', 'harbor']) {
      const dir = join(CORPORA, set);
      const sql = readdirSync(dir).sort().map((f) => readFileSync(join(dir, f), 'utf8')).join('\n;\n');
      const raw = splitPostgres(sql);
      const many = await parseManyPostgres(raw);
      expect(many).toHaveLength(raw.length);
      for (let i = 0; i < raw.length; i++) {
        const one = await parsePostgres(raw[i]!);
        expect(fields(many[i]!), `${set} statement ${i}: ${raw[i]!.text.slice(0, 60)}`).toEqual(fields(one));
      }
    }
  });

  it('parseMany falls back to one by one around a statement that does not parse', async () => {
    const raw = splitPostgres('SELECT 1;\nSELEC 2;\nUPDATE t SET a = 1 WHERE b = 2;\nSELECT 3 -- no semicolon');
    const many = await parseManyPostgres(raw);
    expect(many.map((s) => s.kind)).toEqual(['select', 'unparsed', 'update', 'select']);
    expect(many[2]!.facts.dml?.table).toMatchObject({ name: 't', at: 7 });
  });
});

describe('postgres parse adapter: offsets', () => {
  it('locations are string offsets even after non-ASCII text (libpg-query counts bytes)', async () => {
    const sql = "UPDATE café SET note = 'ééé' WHERE lower(name) = 'x';";
    const one = await parsePostgres(splitPostgres(sql)[0]!);
    expect(one.facts.dml?.table?.at).toBe(7);
    const where = JSON.stringify(one.ast);
    const loc = /"FuncCall":\{[^]*?"location":(\d+)/.exec(where)?.[1];
    expect(Number(loc)).toBe(sql.indexOf('name)')); // the first location under FuncCall is its argument's
    const many = await parseManyPostgres(splitPostgres(`SELECT 'ü';\n${sql}`));
    expect({ ast: many[1]!.ast, facts: many[1]!.facts }).toEqual({ ast: one.ast, facts: one.facts });
  });
});

describe('postgres parse adapter: error offsets', () => {
  it('errorOffset is a string offset after non-ASCII text', async () => {
    const sql = "SELECT 'ééé' FRM t;";
    const s = await parsePostgres(splitPostgres(sql)[0]!);
    expect(s.kind).toBe('unparsed');
    expect(s.error).toContain('"t"');
    expect(s.errorOffset).toBe(sql.indexOf(' t;') + 1);
  });
});
