/**
 * Suppression comments:
 *   -- bb:disable a, b                  (in the file's leading comments: the whole file)
 *   -- bb:disable-next-statement a, b   (in the comments right before a statement)
 * A suppression that suppresses nothing is reported as `unused-disable` (warning), as ESLint reports
 * unused eslint-disable directives, but only when its rule ran: one for a rule this run left off (its
 * level under another `--env`, a live rule without a connection) may be needed elsewhere. One naming an unknown rule is an `unknown-rule` error that suggests
 * the closest id. `all` disables every rule. Text after ` -- ` is the reason, as in ESLint's
 * `eslint-disable-next-line rule -- reason`; a directive that names no rule is an `unknown-rule` error
 * (it would otherwise suppress nothing without saying so).
 */
import type { ParsedStatement } from '../engine.js';
import type { Span } from '../migrations/model.js';
import { LineIndex } from '../sql/lines.js';
import { closest } from '../util/closest.js';
import type { Finding } from './types.js';
import { docsUrl } from './types.js';

export interface Suppression {
  /** '' when the directive names no rule. */
  readonly ruleId: string;
  /** undefined = the whole file; else the statement index. */
  readonly statement?: number;
  /** A disable-next-statement with no statement below it. */
  readonly trailing?: true;
  readonly span: Span;
  used: boolean;
}

const FILE_RE = /^\s*--\s*bb:disable(?![-\w])(.*)$/i;
const NEXT_RE = /^\s*--\s*bb:disable-next-statement(?![-\w])(.*)$/i;
/** A disable-next-statement below the last statement, possibly after it on the same line. */
const TRAILING_NEXT_RE = /--\s*bb:disable-next-statement(?![-\w])(.*)$/gim;

/** The rule ids a directive names, or [''] when it names none; ` -- ` starts the reason. */
function ids(list: string): string[] {
  const reason = /(^|\s)--(\s|$)/.exec(list);
  const named = (reason ? list.slice(0, reason.index) : list).split(/[\s,]+/).filter(Boolean);
  return named.length > 0 ? named : [''];
}

/** Reads every suppression of a file; spans point at the comment. */
export function readSuppressions(sql: string, statements: readonly ParsedStatement[], lines: LineIndex): Suppression[] {
  const out: Suppression[] = [];
  // File-level: the header comments, before the first statement.
  const headerEnd = statements[0]?.span.offset ?? sql.length;
  let offset = 0;
  for (const line of sql.slice(0, headerEnd).split('\n')) {
    const m = FILE_RE.exec(line);
    if (m) for (const id of ids(m[1]!)) out.push({ ruleId: id, span: lines.span(offset + line.indexOf('--'), line.trim().length), used: false });
    offset += line.length + 1;
  }
  for (const stmt of statements) {
    for (const comment of stmt.comments) {
      const m = NEXT_RE.exec(comment);
      if (!m) continue;
      // The comment's position: search backwards from the statement for its text.
      const at = sql.lastIndexOf(comment, stmt.span.offset);
      const span = lines.span(at >= 0 ? at : stmt.span.offset, comment.length);
      for (const id of ids(m[1]!)) out.push({ ruleId: id, statement: stmt.index, span, used: false });
    }
  }
  // Comments after the last statement belong to no statement: such a suppression is always unused.
  const last = statements[statements.length - 1];
  const tailStart = last ? last.span.offset + last.span.length : 0;
  for (const m of sql.slice(tailStart).matchAll(TRAILING_NEXT_RE)) {
    const span = lines.span(tailStart + m.index, m[0].trimEnd().length);
    for (const id of ids(m[1]!)) out.push({ ruleId: id, statement: statements.length, trailing: true, span, used: false });
  }
  return out;
}

/** A disable-next-statement comment inside a statement's text (between its first word and its end). */
const INSIDE_NEXT_RE = /--[ \t]*bb:disable-next-statement(?![-\w])/gi;
/** A suppression written as a block comment: bb reads directives from `--` comments only. */
const BLOCK_DIRECTIVE_RE = /\/\*[ \t]*bb:(disable-next-statement|disable)(?![-\w])/gi;

/**
 * Suppressions that bb would otherwise skip without a word, as `directive` errors: a
 * `-- bb:disable-next-statement` inside a statement (it applies to the statement below its comments,
 * and there is none), and a `/* bb:disable … *\/` block comment (directives are `--` comments).
 */
export function misplacedSuppressions(sql: string, statements: readonly ParsedStatement[], lines: LineIndex, path: string): Finding[] {
  const out: Finding[] = [];
  const directive = (offset: number, length: number, message: string, help: string): void => {
    out.push({ ruleId: 'directive', level: 'error', file: path, span: lines.span(offset, length), docsUrl: docsUrl('directive'), message, help });
  };
  for (const stmt of statements) {
    if (!stmt.text.includes('bb:')) continue;
    for (const m of stmt.text.matchAll(INSIDE_NEXT_RE)) {
      directive(stmt.span.offset + m.index, m[0].length, '"bb:disable-next-statement" inside a statement applies to nothing',
        'Put it on its own line above the statement it is for (comments inside a statement are part of that statement).');
    }
  }
  if (sql.includes('bb:')) {
    for (const m of sql.matchAll(BLOCK_DIRECTIVE_RE)) {
      const name = m[1]!.toLowerCase();
      directive(m.index, m[0].length, `"bb:${name}" in a block comment is not read`, `Write it as a line comment: -- bb:${name} <rule-id>.`);
    }
  }
  return out;
}

/**
 * Drops suppressed findings (marking their suppressions used) and adds `unknown-rule` and
 * `unused-disable` findings. `ran` holds the ids of the rules that checked the file: a suppression of
 * any other rule cannot be judged by this run and is not reported unused.
 */
export function applySuppressions(
  findings: readonly (Finding & { readonly statement?: number })[],
  suppressions: readonly Suppression[],
  knownIds: ReadonlySet<string>,
  path: string,
  ran: ReadonlySet<string>,
): Finding[] {
  const kept: Finding[] = [];
  for (const f of findings) {
    let suppressed = false;
    for (const s of suppressions) {
      if (s.ruleId !== f.ruleId && s.ruleId.toLowerCase() !== 'all') continue;
      if (s.statement !== undefined && s.statement !== f.statement) continue;
      if (f.ruleId === 'syntax' && s.ruleId.toLowerCase() === 'all') continue;
      s.used = true;
      suppressed = true;
    }
    if (!suppressed) {
      const { statement: _s, ...rest } = f;
      void _s;
      kept.push(rest);
    }
  }
  for (const s of suppressions) {
    const id = s.ruleId;
    const directive = s.statement === undefined ? 'bb:disable' : 'bb:disable-next-statement';
    if (id === '') {
      kept.push({
        ruleId: 'unknown-rule', level: 'error', file: path, span: s.span, docsUrl: docsUrl('unknown-rule'),
        message: `${directive} names no rule, so it suppresses nothing`,
        help: `Name the rules it is for (${directive} statement.where.require.update-delete), or all.`,
      });
    } else if (id.toLowerCase() !== 'all' && !knownIds.has(id)) {
      const near = closest(id, knownIds);
      kept.push({
        ruleId: 'unknown-rule', level: 'error', file: path, span: s.span, docsUrl: docsUrl('unknown-rule'),
        message: `${directive} names unknown rule "${id}"${near ? ` (did you mean "${near}"?)` : ''}`,
        help: near ? `Write "${near}".` : 'List the rules with `bb rules`.',
      });
    } else if (!s.used && (s.trailing || id.toLowerCase() === 'all' || ran.has(id))) {
      kept.push({
        ruleId: 'unused-disable', level: 'warning', file: path, span: s.span, docsUrl: docsUrl('unused-disable'),
        message: `Unused suppression: ${id} reports nothing ${s.statement === undefined ? 'in this file' : s.trailing ? '(no statement follows the comment)' : 'on the next statement'}`,
        help: 'Remove the comment, or the rule id from it.',
      });
    }
  }
  return kept;
}
