/**
 * The linter: split → parse → dispatch statements to the rules of their kind → findings. It never
 * prints and never throws on bad SQL: a statement the parser rejects is one `syntax` finding and the
 * other statements are still checked; a rule that crashes is one `rule-error` finding.
 */
import type { Engine, ParsedStatement } from '../engine.js';
import type { Span } from '../migrations/model.js';
import { readDirectives } from '../migrations/directives.js';
import { LineIndex } from '../sql/lines.js';
import type { ResolvedRule } from './config.js';
import type { StatementFacts } from './facts.js';
import { SchemaModel } from './schema-model.js';
import { applySuppressions, misplacedSuppressions, readSuppressions } from './suppress.js';
import { compareIds, docsUrl, formatMessage, ruleDocs, type AnyRule, type Finding, type LintFile, type LiveDb, type PayloadOf, type PayloadSchema, type Problem, type RuleContext } from './types.js';

export interface LintInput {
  /** Project-relative path, used in findings. */
  readonly path: string;
  readonly sql: string;
  readonly engine: Engine;
  readonly rules: readonly ResolvedRule[];
  /** The schema after the migrations before this file (see replay()); default: empty and unknown. */
  readonly schemaBefore?: SchemaModel;
  readonly environment?: string;
  readonly serverVersion?: number;
  /** Every rule id that exists (built-in and plugins), to tell unknown ids in suppressions apart. */
  readonly knownIds: ReadonlySet<string>;
  /** A live database: rules with checkLive run against it. */
  readonly db?: LiveDb;
  /** Receives the schema after the file's statements (schemaBefore + this file), for the next file's replay. */
  readonly onSchemaAfter?: (schema: SchemaModel) => void;
}

export interface FileResult {
  readonly path: string;
  readonly statements: number;
  readonly findings: readonly Finding[];
}

/** Ids the linter itself reports (not rules in rules/). */
export const BUILTIN_FINDINGS = ['syntax', 'directive', 'unused-disable', 'unknown-rule', 'rule-error'] as const;

/** Splits and parses a file; parse() is awaited only while the parser loads. */
export async function parseFile(engine: Engine, sql: string, delimiter?: string): Promise<ParsedStatement[]> {
  const raw = engine.split(sql, delimiter ? { delimiter } : undefined);
  if (engine.parseMany) {
    const many = engine.parseMany(raw);
    return [...(many instanceof Promise ? await many : many)];
  }
  const out: ParsedStatement[] = [];
  for (const stmt of raw) {
    const p = engine.parse(stmt);
    out.push(p instanceof Promise ? await p : p);
  }
  return out;
}

/** Replays earlier migrations (their SQL, in order) into a schema model. Never throws on bad SQL. */
export async function replay(engine: Engine, files: readonly { readonly path: string; readonly sql: string }[], into = new SchemaModel()): Promise<SchemaModel> {
  for (const f of files) {
    let statements: ParsedStatement[];
    try {
      statements = await parseFile(engine, f.sql);
    } catch {
      continue;
    }
    for (const s of statements) into.apply(s.facts as StatementFacts, f.path);
  }
  return into;
}

export async function lintFile(input: LintInput): Promise<FileResult> {
  const { engine, sql, path } = input;
  const lines = new LineIndex(sql);
  // An unknown or misplaced `-- bb:` directive is one finding each, and the file is still checked.
  const { directives, problems } = readDirectives(sql);
  const statements = await parseFile(engine, sql, directives.delimiter);
  const findings: (Finding & { statement?: number })[] = [];
  for (const problem of problems) {
    const offset = sql.split('\n').slice(0, problem.line - 1).reduce((n, l) => n + l.length + 1, 0);
    findings.push({
      ruleId: 'directive', level: 'error', file: path, span: lines.span(offset, 1), docsUrl: docsUrl('directive'),
      message: problem.message.replace(/\.$/, ''), help: problem.hint,
    });
  }

  let reason: string | undefined = directives.transaction === 'off' ? '-- bb:transaction off' : undefined;
  if (!engine.capabilities.transactionalDdl) reason ??= `${engine.name} commits DDL implicitly`;
  if (!reason) for (const s of statements) if ((reason = engine.capabilities.nonTransactional(s))) break;
  const schemaBefore = input.schemaBefore ?? new SchemaModel();
  const file: LintFile = Object.freeze({
    path, sql, engine: engine.name, statements,
    transactional: reason === undefined,
    ...(reason !== undefined ? { nonTransactionalReason: reason } : {}),
    ...(input.serverVersion !== undefined ? { serverVersion: input.serverVersion } : {}),
    schemaBefore,
    schemaKnown: input.schemaBefore !== undefined,
  });

  const spanOf = (stmt: ParsedStatement | undefined, p: Problem): Span => {
    if (p.span) return p.span;
    if (!stmt) return lines.span(0, 1);
    const at = Math.min(Math.max(0, p.at ?? 0), Math.max(0, stmt.text.length - 1));
    return lines.span(stmt.span.offset + at, Math.max(1, p.length ?? 1));
  };
  const emit = (r: ResolvedRule, stmt: ParsedStatement | undefined, p: Problem): void => {
    const messages = r.rule.meta.messages as Record<string, string>;
    // hasOwn: a messageId such as "toString" must not find the prototype's function.
    const template = Object.hasOwn(messages, p.messageId) ? messages[p.messageId] : undefined;
    if (typeof template !== 'string') {
      // Printing the bare id would pass a broken rule off as a finding; say it is the rule that is wrong.
      const ids = Object.keys(messages);
      crashed(r, stmt, `it reported messageId "${String(p.messageId)}", which its meta.messages does not have (it has: ${ids.length ? ids.join(', ') : 'none'})`, spanOf(stmt, p));
      return;
    }
    const statement = stmt?.index ?? p.statement;
    findings.push({
      ruleId: r.rule.meta.id, level: r.level, message: formatMessage(template, p.data), file: path, span: spanOf(stmt, p),
      docsUrl: ruleDocs(r.rule.meta), category: r.rule.meta.category,
      ...(p.help !== undefined ? { help: p.help } : {}), ...(statement !== undefined ? { statement } : {}),
    });
  };
  const crashed = (r: ResolvedRule, stmt: ParsedStatement | undefined, error: unknown, span?: Span): void => {
    findings.push({
      ruleId: 'rule-error', level: 'error', file: path, span: span ?? (stmt ? stmt.span : lines.span(0, 1)), docsUrl: docsUrl('rule-error'),
      message: `Rule ${r.rule.meta.id} failed on this ${stmt ? 'statement' : 'file'}: ${error instanceof Error ? error.message : String(error)}`,
      help: stmt
        ? `This is a bug in the rule; disable it for this statement with -- bb:disable-next-statement ${r.rule.meta.id} and report it.`
        : `This is a bug in the rule; disable it for this file with -- bb:disable ${r.rule.meta.id} at the top and report it.`,
    });
  };

  // Per-kind dispatch table, built once per file.
  const byKind = new Map<string, ResolvedRule[]>();
  const liveOnly = input.rules.filter((r) => !r.rule.check && r.rule.checkLive);
  for (const r of input.rules) {
    if (!r.rule.check) continue;
    for (const k of r.rule.meta.kinds) {
      const list = byKind.get(k) ?? [];
      list.push(r);
      byKind.set(k, list);
    }
  }

  // One context per rule for the whole file; `previous` is sliced only when a rule reads it (rules that
  // need earlier statements on every statement build a per-file index instead: rules/_util/memo.ts).
  let current: ParsedStatement | undefined;
  let previous: readonly ParsedStatement[] | undefined;
  const contexts = new Map<ResolvedRule, RuleContext<PayloadOf<PayloadSchema>>>();
  const starRules = byKind.get('*') ?? [];
  const dispatch = new Map<string, ResolvedRule[]>();
  for (const [kind, list] of byKind) if (kind !== '*') dispatch.set(kind, [...list, ...starRules]);
  const schema = schemaBefore.clone();
  // Tables created so far in this file: qualified names, and bare names (an unqualified reference matches any schema).
  const createdQualified = new Set<string>();
  const createdBare = new Set<string>();
  const createdUnqualified = new Set<string>();
  const createdInFile = (table: string): boolean => {
    const t = table.toLowerCase();
    const dot = t.lastIndexOf('.');
    if (dot === -1) return createdBare.has(t);
    return createdQualified.has(t) || createdUnqualified.has(t.slice(dot + 1));
  };
  for (const r of input.rules) {
    contexts.set(r, {
      payload: r.payload as PayloadOf<PayloadSchema>, engine: engine.name, file, schema, createdInFile,
      get previous(): readonly ParsedStatement[] { return (previous ??= statements.slice(0, current?.index ?? 0)); },
      ...(input.environment !== undefined ? { environment: input.environment } : {}),
    });
  }
  for (const stmt of statements) {
    if (stmt.kind === 'unparsed') {
      const at = stmt.errorOffset ?? 0;
      findings.push({
        ruleId: 'syntax', level: 'error', file: path, statement: stmt.index, docsUrl: docsUrl('syntax'),
        span: lines.span(stmt.span.offset + Math.min(at, Math.max(0, stmt.text.length - 1)), 1),
        message: `Cannot parse this statement: ${stmt.error ?? 'syntax error'}`,
        help: 'Fix the SQL; the other statements of the file were still checked.',
      });
      continue;
    }
    const rules = dispatch.get(stmt.kind) ?? starRules;
    current = stmt;
    previous = undefined;
    if (input.db) {
      for (const r of [...rules, ...liveOnly.filter((x) => x.rule.meta.kinds.includes(stmt.kind))]) {
        if (!r.rule.checkLive) continue;
        try {
          for (const p of problemsOf(await r.rule.checkLive(stmt as ParsedStatement & { facts: StatementFacts }, { ...contexts.get(r)!, previous: statements.slice(0, stmt.index), db: input.db }), 'checkLive')) emit(r, stmt, p);
        } catch (error) {
          crashed(r, stmt, error);
        }
      }
    }
    for (const r of rules) {
      if (!r.rule.check) continue;
      try {
        for (const p of problemsOf(r.rule.check(stmt as ParsedStatement & { facts: StatementFacts }, contexts.get(r)!), 'check')) emit(r, stmt, p);
      } catch (error) {
        crashed(r, stmt, error);
      }
    }
    const facts = stmt.facts as StatementFacts;
    schema.apply(facts, path);
    if (facts.createTable) {
      const n = facts.createTable.table;
      createdBare.add(n.name.toLowerCase());
      if (n.schema) createdQualified.add(`${n.schema}.${n.name}`.toLowerCase());
      else createdUnqualified.add(n.name.toLowerCase());
    }
  }

  for (const r of input.rules) {
    if (!r.rule.checkFile) continue;
    const ctx: RuleContext<PayloadOf<PayloadSchema>> = {
      payload: r.payload as PayloadOf<PayloadSchema>, engine: engine.name, file, previous: [], schema: schemaBefore,
      createdInFile: () => false, ...(input.environment !== undefined ? { environment: input.environment } : {}),
    };
    try {
      for (const p of problemsOf(r.rule.checkFile(file, ctx), 'checkFile')) emit(r, p.statement !== undefined ? statements[p.statement] : undefined, p);
    } catch (error) {
      crashed(r, undefined, error);
    }
  }

  input.onSchemaAfter?.(schema);
  findings.push(...misplacedSuppressions(sql, statements, lines, path));
  const suppressions = readSuppressions(sql, statements, lines);
  const known = input.knownIds;
  const ran = new Set<string>([...BUILTIN_FINDINGS, ...input.rules.map((r) => r.rule.meta.id)]);
  const result = applySuppressions(findings, suppressions, known, path, ran);
  result.sort((a, b) => a.span.offset - b.span.offset || compareIds(a.ruleId, b.ruleId));
  return { path, statements: statements.length, findings: result };
}

/**
 * What a rule's check returned, as problems to iterate. A plugin rule is plain JavaScript: a check that
 * returns nothing (a forgotten `*` or `return`) or a promise would otherwise fail inside the linter's
 * loop with a TypeError about bb's internals; say instead what the rule must return.
 */
function problemsOf(result: unknown, method: 'check' | 'checkFile' | 'checkLive'): Iterable<Problem> {
  if (result !== null && typeof result === 'object' && typeof (result as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function') return result as Iterable<Problem>;
  const got = result === undefined || result === null ? String(result)
    : typeof (result as { then?: unknown }).then === 'function' ? 'a promise'
      : typeof result === 'object' ? 'an object that is not iterable'
        : typeof result === 'function' ? 'a function' : `${typeof result} ${JSON.stringify(result)}`;
  const must = method === 'checkLive'
    ? 'checkLive must return (or resolve to) an array of problems'
    : `${method} must return an array of problems or be a generator function (*${method}(…) { yield { messageId, … } })${got === 'a promise' ? `; only checkLive may be async` : ''}`;
  throw new Error(`its ${method} returned ${got}; ${must}`);
}

export type { AnyRule };
