import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitClickHouse } from './split.js';

const SEPARATOR = /\n?-- end --\n?/;
const OWN = join(import.meta.dirname, 'testdata/split');
const LANGFUSE = join(import.meta.dirname, '../../../shared/corpora/clickhouse/langfuse');

describe('splitClickHouse', () => {
  for (const f of readdirSync(OWN).filter((n) => n.endsWith('.sql'))) {
    it(`matches the golden statements of ${f}`, () => {
      const golden = readFileSync(join(OWN, `${f}.golden`), 'utf8');
      expect(splitClickHouse(readFileSync(join(OWN, f), 'utf8')).map((s) => s.text)).toEqual(golden.trimEnd().split(SEPARATOR).filter((s) => s.trim() !== ''));
    });
  }

  it('splits every Langfuse migration, including the one without any semicolon', () => {
    const files = readdirSync(LANGFUSE).filter((f) => f.endsWith('.sql'));
    expect(files).toHaveLength(46);
    const counts = Object.fromEntries(files.map((f) => [f, splitClickHouse(readFileSync(join(LANGFUSE, f), 'utf8')).length]));
    expect(counts['0003_scores.up.sql']).toBe(1);
    expect(counts['0023_traces_aggregating_merge_trees.up.sql']).toBe(7);
    expect(counts['0025_add_observations_metadata_indexes.up.sql']).toBe(4);
    for (const f of files) {
      for (const s of splitClickHouse(readFileSync(join(LANGFUSE, f), 'utf8'))) {
        expect(s.text.endsWith(';')).toBe(false);
        expect(s.text).toBe(s.text.trim());
      }
    }
  });

  it('reports line, column and the comments before each statement', () => {
    const stmts = splitClickHouse('-- bb:disable clickhouse.no-mutations\nSELECT 1;\n\n  /* two */ SELECT 2;\nSELECT 3');
    expect(stmts.map((s) => [s.span.line, s.span.column])).toEqual([[2, 1], [4, 13], [5, 1]]);
    expect(stmts[0]!.comments).toEqual(['-- bb:disable clickhouse.no-mutations']);
    expect(stmts[1]!.comments).toEqual(['/* two */']);
    expect(stmts[2]!.text).toBe('SELECT 3');
    expect(stmts[1]!.span.offset).toBe('-- bb:disable clickhouse.no-mutations\nSELECT 1;\n\n  /* two */ '.length);
  });

  it('returns nothing for an empty or comment-only file, and keeps an unterminated string as the last statement', () => {
    expect(splitClickHouse('')).toEqual([]);
    expect(splitClickHouse('-- nothing\n# here\n/* at all */;;\n')).toEqual([]);
    expect(splitClickHouse("SELECT 'open; ended").map((s) => s.text)).toEqual(["SELECT 'open; ended"]);
  });
});
