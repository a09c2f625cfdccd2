/**
 * Suppression comments:
 *   -- bb:disable a, b                  (in the file's leading comments: the whole file)
 *   -- bb:disable-next-statement a, b   (in the comments right before a statement)
 * A suppression that suppresses nothing is reported as `unused-disable` (warning), as ESLint reports
 * unused eslint-disable directives; one naming an unknown rule is an `unknown-rule` error that suggests
 * the closest id. `all` disables every rule.
 */
import type { ParsedStatement } from '../engine.js';
import type { Span } from '../migrations/model.js';
import { LineIndex } from '../sql/lines.js';
import { closest } from '../util/closest.js';
import type { Finding } from './types.js';
import { docsUrl } from './types.js';

export interface Suppression {
  readonly ruleId: string;
  /** undefined = the whole file; else the statement index. */
  readonly statement?: number;
  readonly span: Span;
  used: boolean;
}

const FILE_RE = /^\s*--\s*bb:disable(?!-)\s+(.*)$/i;
const NEXT_RE = /^\s*--\s*bb:disable-next-statement\s+(.*)$/i;

function ids(list: string): string[] {
  return list.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
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
  return out;
}

/**
 * Drops suppressed findings (marking their suppressions used) and adds `unknown-rule` and
 * `unused-disable` findings. `statementOf` maps a finding to its statement index.
 */
export function applySuppressions(
  findings: readonly (Finding & { readonly statement?: number })[],
  suppressions: readonly Suppression[],
  knownIds: ReadonlySet<string>,
  path: string,
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
    if (id.toLowerCase() !== 'all' && !knownIds.has(id)) {
      const near = closest(id, knownIds);
      kept.push({
        ruleId: 'unknown-rule', level: 'error', file: path, span: s.span, docsUrl: docsUrl('unknown-rule'),
        message: `bb:disable names unknown rule "${id}"${near ? ` (did you mean "${near}"?)` : ''}`,
        help: near ? `Write "${near}".` : 'List the rules with `bb rules`.',
      });
    } else if (!s.used) {
      kept.push({
        ruleId: 'unused-disable', level: 'warning', file: path, span: s.span, docsUrl: docsUrl('unused-disable'),
        message: `Unused suppression: ${id} reports nothing ${s.statement === undefined ? 'in this file' : 'on the next statement'}`,
        help: 'Remove the comment, or the rule id from it.',
      });
    }
  }
  return kept;
}
