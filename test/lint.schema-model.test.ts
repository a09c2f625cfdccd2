/**
 * The schema model that replays build (src/lint/schema-model.ts), fed by the PostgreSQL parser's facts:
 * DROP INDEX names no table, so the model finds the table that holds the index.
 */
import { describe, expect, it } from 'vitest';
import engine from '../engines/postgres/index.js';
import { replay } from '../src/lint/linter.js';
import { SchemaModel } from '../src/lint/schema-model.js';

const run = (sql: string, into?: SchemaModel): Promise<SchemaModel> => replay(engine, [{ path: 'm.sql', sql }], into);

describe('schema model', () => {
  it('DROP INDEX removes the index from whichever table holds it, renamed, copied or restored from data', async () => {
    const model = await run(`
      CREATE TABLE a (id int PRIMARY KEY, x int);
      CREATE TABLE b (id int PRIMARY KEY, x int);
      CREATE INDEX a_x ON a (x);
      ALTER TABLE b ADD CONSTRAINT b_x UNIQUE (x);
      ALTER TABLE a RENAME TO a2;
    `);
    expect(model.table('a2')?.indexes.has('a_x')).toBe(true);
    expect(model.table('b')?.indexes.has('b_x')).toBe(true);

    const copy = await run('DROP INDEX a_x; DROP INDEX b_x;', model.clone());
    expect(copy.table('a2')?.indexes.has('a_x')).toBe(false);
    expect(copy.table('b')?.indexes.has('b_x')).toBe(false);
    expect(model.table('a2')?.indexes.has('a_x')).toBe(true); // the copy's DROP left the original alone

    const restored = await run('DROP INDEX a_x;', SchemaModel.fromData(model.toData()));
    expect(restored.table('a2')?.indexes.has('a_x')).toBe(false);
    expect(restored.table('b')?.indexes.has('b_x')).toBe(true);

    // An index dropped with its table is not found again on a table of the same name created later.
    const recreated = await run('DROP TABLE b; CREATE TABLE b (id int PRIMARY KEY, x int); DROP INDEX IF EXISTS b_x; CREATE INDEX b_x ON b (x);', model.clone());
    expect(recreated.table('b')?.indexes.has('b_x')).toBe(true);
  });
});
