/**
 * The rule tester (public: plugin authors use it too). Strict, after ESLint's RuleTester:
 *
 *   import { testRule } from '../src/lint/rule-tester.js';
 *   import rule from './table.require-pk.js';
 *   testRule(rule, {
 *     valid: ['CREATE TABLE t (id int PRIMARY KEY);', …],
 *     invalid: [{ sql: 'CREATE TABLE t (id int);', errors: [{ messageId: 'missing', line: 1, column: 1 }] }, …],
 *   });
 *
 * Each case runs on every engine the rule declares (or only `engine` when given). It fails when an
 * invalid case yields no finding of the rule or a different number than listed, when a message id is
 * unknown, when a case is listed twice, when the SQL does not parse (a `syntax` finding), or when the
 * rule has fewer than two valid or two invalid cases.
 */
import { describe, expect, it } from 'vitest';
import { loadEngine, type EngineName } from '../engine.js';
import { defaultSetting } from './config.js';
import { lintFile, replay } from './linter.js';
import { SchemaModel } from './schema-model.js';
import type { AnyRule, Finding, Level, LiveDb, PayloadSchema, Rule } from './types.js';

export interface ValidCase {
  readonly sql: string;
  /** Run on this engine only (default: every engine of the rule). */
  readonly engine?: EngineName;
  readonly payload?: Readonly<Record<string, unknown>>;
  /** SQL of earlier migrations, replayed into the schema model (schema.walk-through). */
  readonly before?: string | readonly string[];
  /** File path (default migrations/0001_test.sql). */
  readonly path?: string;
  /** The server's major version (rules that depend on it). */
  readonly serverVersion?: number;
  readonly name?: string;
  /** Run with the live database of testRule's options.db (rules with checkLive); skipped when there is none. */
  readonly live?: boolean;
}

export interface TesterOptions {
  /** A live database for `live` cases; undefined (or resolving to undefined) skips them. */
  readonly db?: () => Promise<LiveDb | undefined>;
}

export interface ExpectedError {
  readonly messageId: string;
  readonly line?: number;
  readonly column?: number;
  /** Substring of the rendered message. */
  readonly message?: string;
}

export interface InvalidCase extends ValidCase {
  /** The findings of this rule, in order; a number checks only the count. */
  readonly errors: number | readonly ExpectedError[];
}

export interface RuleCases {
  readonly valid: readonly (string | ValidCase)[];
  readonly invalid: readonly InvalidCase[];
}

/** Lints `sql` with only `rule` enabled; returns every finding (the rule's, syntax, suppressions). */
export async function runRule<S extends PayloadSchema, M extends string>(rule: Rule<S, M>, c: ValidCase, engineName: EngineName, db?: LiveDb): Promise<readonly Finding[]> {
  const engine = await loadEngine(engineName);
  const r = rule as unknown as AnyRule;
  const setting = defaultSetting(r);
  const level: Level = setting.level === 'off' ? 'warning' : setting.level;
  const before = c.before === undefined ? undefined : typeof c.before === 'string' ? [c.before] : c.before;
  const schemaBefore = before ? await replay(engine, before.map((sql, i) => ({ path: `migrations/000${i}_before.sql`, sql }))) : undefined;
  const result = await lintFile({
    path: c.path ?? 'migrations/0001_test.sql', sql: c.sql, engine,
    rules: [{ rule: r, level, payload: { ...setting.payload, ...(c.payload ?? {}) } }],
    knownIds: new Set([r.meta.id]),
    ...(schemaBefore ? { schemaBefore } : {}),
    ...(c.serverVersion !== undefined ? { serverVersion: c.serverVersion } : {}),
    ...(db ? { db } : {}),
  });
  return result.findings;
}

function label(c: ValidCase): string {
  const text = c.name ?? c.sql.replace(/\s+/g, ' ').trim();
  return text.length > 90 ? `${text.slice(0, 87)}…` : text;
}

export function testRule<S extends PayloadSchema, M extends string>(rule: Rule<S, M>, cases: RuleCases, options: TesterOptions = {}): void {
  let dbPromise: Promise<LiveDb | undefined> | undefined;
  const liveDb = (): Promise<LiveDb | undefined> => (dbPromise ??= options.db ? options.db() : Promise.resolve(undefined));
  const r = rule as unknown as AnyRule;
  const id = r.meta.id;
  const valid = cases.valid.map((v) => (typeof v === 'string' ? { sql: v } : v));
  describe(id, () => {
    it('has at least two valid and two invalid cases, none listed twice', () => {
      expect(valid.length, 'valid cases').toBeGreaterThanOrEqual(2);
      expect(cases.invalid.length, 'invalid cases').toBeGreaterThanOrEqual(2);
      const keys = [...valid, ...cases.invalid].map((c) => JSON.stringify([c.sql, c.engine ?? '', c.payload ?? {}, c.before ?? '', c.serverVersion ?? '']));
      const dupes = keys.filter((k, i) => keys.indexOf(k) !== i);
      expect(dupes, 'duplicate cases').toEqual([]);
    });
    for (const c of valid) {
      for (const engine of c.engine ? [c.engine] : r.meta.engines) {
        it(`valid [${engine}] ${label(c)}`, async (t) => {
          const db = c.live ? await liveDb() : undefined;
          if (c.live && !db) return t.skip();
          const findings = await runRule(r, c, engine, db);
          expect(findings.filter((f) => f.ruleId === 'syntax').map((f) => f.message), 'the case must parse').toEqual([]);
          expect(findings.filter((f) => f.ruleId === id || f.ruleId === 'rule-error').map((f) => `${f.span.line}:${f.span.column} ${f.message}`)).toEqual([]);
        });
      }
    }
    for (const c of cases.invalid) {
      for (const engine of c.engine ? [c.engine] : r.meta.engines) {
        it(`invalid [${engine}] ${label(c)}`, async (t) => {
          const db = c.live ? await liveDb() : undefined;
          if (c.live && !db) return t.skip();
          if (Array.isArray(c.errors)) {
            for (const e of c.errors as readonly ExpectedError[]) {
              expect(Object.keys(r.meta.messages), `message id "${e.messageId}" of ${id}`).toContain(e.messageId);
            }
          }
          const findings = await runRule(r, c, engine, db);
          expect(findings.filter((f) => f.ruleId === 'syntax').map((f) => f.message), 'the case must parse').toEqual([]);
          expect(findings.filter((f) => f.ruleId === 'rule-error').map((f) => f.message)).toEqual([]);
          const mine = findings.filter((f) => f.ruleId === id);
          expect(mine.length, 'an invalid case must report').toBeGreaterThan(0);
          if (typeof c.errors === 'number') {
            expect(mine.length).toBe(c.errors);
            return;
          }
          const expected = c.errors as readonly ExpectedError[];
          expect(mine.length, `findings: ${mine.map((f) => f.message).join(' | ')}`).toBe(expected.length);
          expected.forEach((e, i) => {
            const f = mine[i]!;
            const template = (r.meta.messages as Record<string, string>)[e.messageId]!;
            // The message must come from this message id: compare the template's fixed text.
            const fixed = template.split(/\{\{\s*\w+\s*\}\}/).filter((part) => part.length > 0);
            for (const part of fixed) expect(f.message).toContain(part);
            if (e.line !== undefined) expect(f.span.line, `line of "${f.message}"`).toBe(e.line);
            if (e.column !== undefined) expect(f.span.column, `column of "${f.message}"`).toBe(e.column);
            if (e.message !== undefined) expect(f.message).toContain(e.message);
          });
        });
      }
    }
  });
}

export { SchemaModel };
