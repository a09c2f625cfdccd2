/**
 * The rule interface (ESLint's meta, Squawk's violation, Atlas's diagnostic). A rule is one module in
 * rules/<id>.ts whose default export is `defineRule({ meta, check, checkFile? })`. It never prints,
 * never reads files and never knows its own level: it yields Problems, the linter turns them into
 * Findings with level, file and span.
 */
import type { EngineName, ParsedStatement, StatementKind } from '../engine.js';
import type { Span } from '../migrations/model.js';
import type { StatementFacts } from './facts.js';
import type { SchemaModel } from './schema-model.js';

export type { StatementFacts } from './facts.js';
export type Level = 'error' | 'warning';
export type LevelSetting = Level | 'off';

export const CATEGORIES = ['naming', 'table', 'column', 'index', 'statement', 'schema', 'system', 'engine', 'database', 'advice', 'safety'] as const;
export type Category = (typeof CATEGORIES)[number];

/** One payload field: its type, default and a one-line description (shown by `bb rules <id>`). */
export type PayloadField =
  | { readonly type: 'string'; readonly default: string; readonly description: string }
  /** A format with {{placeholders}} (naming.index.*): the rule fills them in before matching. */
  | { readonly type: 'template'; readonly default: string; readonly description: string }
  /**
   * `min`: the smallest value a config may give; `integer`: whole numbers only. A count or a limit
   * declares both (`min: 0`, or `min: -1` where -1 means no limit), and the config loader refuses
   * other values, naming the key; without them any number is taken.
   */
  | { readonly type: 'number'; readonly default: number; readonly description: string; readonly min?: number; readonly integer?: boolean }
  | { readonly type: 'boolean'; readonly default: boolean; readonly description: string }
  | { readonly type: 'list'; readonly default: readonly string[]; readonly description: string };

/** How a payload field's type reads in docs/rules pages and `bb rules <id>`: "list", "whole number, 0 or more". */
export function payloadType(field: PayloadField): string {
  if (field.type !== 'number') return field.type;
  const kind = field.integer ? 'whole number' : 'number';
  return field.min === undefined ? kind : `${kind}, ${field.min} or more`;
}

/** A payload schema: field name → field. */
export type PayloadSchema = Readonly<Record<string, PayloadField>>;

/** The payload values a rule's check receives, typed from its schema. */
export type PayloadOf<S> = {
  readonly [K in keyof S]: S[K] extends { type: 'number' } ? number
    : S[K] extends { type: 'boolean' } ? boolean
    : S[K] extends { type: 'list' } ? readonly string[]
    : string;
};

export interface RuleMeta<S extends PayloadSchema = PayloadSchema, M extends string = string> {
  /** 'table.require-pk' = the file name = the Bytebase key where Bytebase has the rule. */
  readonly id: string;
  readonly engines: readonly EngineName[];
  /** The linter calls check() only for statements of these kinds; [] = checkFile only. '*' = every kind. */
  readonly kinds: readonly (StatementKind | '*')[];
  readonly category: Category;
  readonly defaultLevel: LevelSetting;
  /** In the `recommended` preset (every rule is in `strict`). */
  readonly recommended: boolean;
  /** One line, imperative: "Require a primary key on every table". */
  readonly description: string;
  /** Longer explanation for the docs page: why the rule exists. Optional. */
  readonly rationale?: string;
  readonly payload: S;
  /** Message templates by id; {{name}} is replaced by Problem.data.name. */
  readonly messages: { readonly [K in M]: string };
  /** Checked by test/rules.parity.test.ts: `bad` yields a finding of this rule, `good` none. */
  readonly examples: { readonly bad: string; readonly good: string };
  /** Payload the examples run with, when the defaults check nothing (e.g. an empty allow list). */
  readonly examplePayload?: Readonly<Record<string, unknown>>;
  /** The rule needs a live database (`bb lint --env` with a connection); otherwise it is listed as skipped. */
  readonly requiresConnection?: boolean;
  /** The rule reads the schema model built from earlier migrations (schema.walk-through). */
  readonly usesSchema?: boolean;
  /** When to turn it off (docs page). */
  readonly whenOff?: string;
  /**
   * Where the rule is documented (a URL or a path), shown with each finding: for plugin rules. A
   * built-in rule's page is docs/rules/<id>.md; a plugin rule without it points to its plugin.
   */
  readonly docs?: string;
}

export interface Problem<M extends string = string> {
  readonly messageId: M;
  readonly data?: Readonly<Record<string, string | number>>;
  /** Offset in the statement text (0-based) where the problem is; default: the statement start. */
  readonly at?: number;
  /** Length of the highlighted text; default 1. */
  readonly length?: number;
  /** An absolute span (file-level problems); wins over `at`. */
  readonly span?: Span;
  /** The next step, shown as "hint:". Default: none. */
  readonly help?: string;
  /** checkFile problems: the statement index the problem belongs to (for disable-next-statement). */
  readonly statement?: number;
}

/** The file being linted, as the rules see it. Frozen; shared by every rule. */
export interface LintFile {
  /** Project-relative path, posix separators. */
  readonly path: string;
  readonly sql: string;
  readonly engine: EngineName;
  readonly statements: readonly ParsedStatement[];
  /**
   * True when the migration runs in one transaction: the engine has transactional DDL, the file has no
   * `-- bb:transaction off` and no statement that cannot run in a transaction.
   */
  readonly transactional: boolean;
  /** Why the file does not run in a transaction ("-- bb:transaction off", "CREATE INDEX CONCURRENTLY"). */
  readonly nonTransactionalReason?: string;
  /** The server's major version when known (from --env's connection), e.g. 15. */
  readonly serverVersion?: number;
  /** The schema after the migrations before this file (schema.walk-through); empty when unknown. */
  readonly schemaBefore: SchemaModel;
  /** True when the schema model is backed by earlier migrations of the folder (not just this file). */
  readonly schemaKnown: boolean;
}

export interface RuleContext<P extends object = object> {
  readonly payload: Readonly<P>;
  readonly engine: EngineName;
  readonly file: LintFile;
  readonly environment?: string;
  /** The statements of the file before the one being checked (empty in checkFile). */
  readonly previous: readonly ParsedStatement[];
  /** The schema just before the current statement: earlier migrations plus earlier statements of this file. */
  readonly schema: SchemaModel;
  /** True when `table` (unqualified or qualified) was created by an earlier statement of this same file. */
  createdInFile(table: string): boolean;
}

/** A live database for rules with requiresConnection (bb lint --env with a reachable target). Read-only use. */
export interface LiveDb {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<readonly R[]>;
}

export interface Rule<S extends PayloadSchema = PayloadSchema, M extends string = string> {
  readonly meta: RuleMeta<S, M>;
  /** Rules with requiresConnection: checks one statement against the live database (EXPLAIN, catalog). Never writes. */
  checkLive?(stmt: ParsedStatement & { readonly facts: StatementFacts }, ctx: RuleContext<PayloadOf<S>> & { readonly db: LiveDb }): Promise<readonly Problem<M>[]>;
  check?(stmt: ParsedStatement & { readonly facts: StatementFacts }, ctx: RuleContext<PayloadOf<S>>): Iterable<Problem<M>>;
  checkFile?(file: LintFile, ctx: RuleContext<PayloadOf<S>>): Iterable<Problem<M>>;
}

/** A rule as the registry holds it, with its payload type erased. */
export type AnyRule = Rule<PayloadSchema, string>;

/** Identity at run time; gives the check a payload typed from meta.payload. */
export function defineRule<const S extends PayloadSchema, M extends string>(rule: Rule<S, M>): Rule<S, M> {
  return rule;
}

/** A finding: plain data that every formatter renders. */
export interface Finding {
  readonly ruleId: string;
  readonly level: Level;
  readonly message: string;
  readonly help?: string;
  readonly file: string;
  readonly span: Span;
  readonly docsUrl: string;
  /** Category of the rule (SARIF/GitLab metadata). */
  readonly category?: string;
}

/** Where rule pages live, relative to the package root (shipped in the npm package); docsUrl is built from it. */
export const DOCS_BASE = 'docs/rules/';
export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}

/** A rule's documentation: its own `meta.docs` (plugin rules), else its page under docs/rules. */
export function ruleDocs(meta: Pick<RuleMeta, 'id' | 'docs'>): string {
  return meta.docs ?? docsUrl(meta.id);
}

const PLAIN_ID = /^[a-z0-9.-]*$/;

/**
 * a.localeCompare(b) for rule ids. The first localeCompare() of a process loads ICU's collator (~10 ms,
 * a few percent of a cold `bb lint`); ids of lower-case letters, digits, `.` and `-` (every built-in one)
 * sort the same by code unit, so only other ids go through it.
 */
export function compareIds(a: string, b: string): number {
  if (PLAIN_ID.test(a) && PLAIN_ID.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return a.localeCompare(b);
}

/** A message template cut at its {{placeholders}}: the text before the first, then per placeholder its key, how it is written and the text after it. */
interface Template {
  readonly head: string;
  readonly slots: readonly (readonly [key: string, written: string, after: string])[];
}
const templates = new Map<string, Template>();

function templateOf(template: string): Template {
  let t = templates.get(template);
  if (!t) {
    const matches = [...template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)];
    const slots = matches.map((m, i) => {
      const end = m.index + m[0].length;
      return [m[1]!, m[0], template.slice(end, matches[i + 1]?.index ?? template.length)] as const;
    });
    t = { head: template.slice(0, matches[0]?.index ?? template.length), slots };
    templates.set(template, t);
  }
  return t;
}

/** Fills {{name}} from data (a name data lacks stays as written). Templates are cut once: a big file has thousands of findings. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  if (!data) return template;
  const { head, slots } = templateOf(template);
  let out = head;
  for (const [key, written, after] of slots) out += (key in data ? String(data[key]) : written) + after;
  return out;
}
