import type { Engine, StatementPosition } from '../engine.js';
import type { Span } from '../migrations/model.js';

/** Maps offsets in a text to 1-based lines and columns (binary search over line starts). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }

  span(offset: number, length: number): Span {
    const start = this.position(offset);
    const end = this.position(Math.max(offset, offset + length - 1));
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column, offset, length };
  }
}

/** A position the server gave inside a statement (Engine.locateError), as a line and column of the statement's file. */
export function positionInFile(statement: { readonly text: string; readonly span: Span }, at: StatementPosition): { line: number; column?: number } | undefined {
  const { text, span } = statement;
  if ('offset' in at) {
    if (!(at.offset >= 0 && at.offset <= text.length)) return undefined;
    const { line, column } = new LineIndex(text).position(at.offset);
    return { line: span.line + line - 1, column: line === 1 ? span.column + column - 1 : column };
  }
  if (!(at.line >= 1 && at.line <= span.endLine - span.line + 1)) return undefined;
  const line = span.line + at.line - 1;
  return at.column === undefined ? { line } : { line, column: at.line === 1 ? span.column + at.column - 1 : at.column };
}

/** ` (at <path>:<line>:<column>)` for where the engine says a statement's error is (Engine.locateError), or '' when it does not say. */
export function errorPlace(engine: Pick<Engine, 'locateError'>, error: unknown, statement: { readonly text: string; readonly span: Span }, path: string): string {
  const at = engine.locateError?.(error, statement.text);
  const inFile = at ? positionInFile(statement, at) : undefined;
  return inFile ? ` (at ${path}:${inFile.line}${inFile.column ? `:${inFile.column}` : ''})` : '';
}
