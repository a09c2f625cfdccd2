import { describe, expect, it } from 'vitest';
import { LineIndex, positionInFile } from './lines.js';

describe('positionInFile', () => {
  // A statement that starts at line 3, column 3 of its file.
  const file = 'SELECT 1;\n\n  CREATE TABLE b (\n  y int NOT NULLL\n);\n';
  const offset = file.indexOf('CREATE');
  const text = file.slice(offset, file.indexOf(';', offset) + 1);
  const statement = { text, span: new LineIndex(file).span(offset, text.length) };

  it('maps an offset on the statement\'s first line past the statement\'s own column', () => {
    expect(positionInFile(statement, { offset: text.indexOf('TABLE') })).toEqual({ line: 3, column: 10 });
  });

  it('maps an offset on a later line to that line\'s column', () => {
    expect(positionInFile(statement, { offset: text.indexOf('NULLL') })).toEqual({ line: 4, column: 13 });
  });

  it('maps a statement line (with or without a column)', () => {
    expect(positionInFile(statement, { line: 2, column: 3 })).toEqual({ line: 4, column: 3 });
    expect(positionInFile(statement, { line: 1, column: 8 })).toEqual({ line: 3, column: 10 });
    expect(positionInFile(statement, { line: 3 })).toEqual({ line: 5 });
  });

  it('gives nothing for a position outside the statement', () => {
    expect(positionInFile(statement, { offset: text.length + 1 })).toBeUndefined();
    expect(positionInFile(statement, { line: 4 })).toBeUndefined();
    expect(positionInFile(statement, { line: 0 })).toBeUndefined();
  });
});
