import { describe, expect, it } from 'vitest';
import { firstDifference } from './dump.js';

describe('firstDifference (bb dump --check)', () => {
  it('a line added at the end of the committed file: the replayed side is "(end of file)", not an empty line', () => {
    expect(firstDifference('a;\nb;\n-- x\n', 'a;\nb;\n')).toEqual({ line: 3, committed: '-- x', replayed: '(end of file)' });
    expect(firstDifference('a;\n', 'a;\nb;\n')).toEqual({ line: 2, committed: '(end of file)', replayed: 'b;' });
  });

  it('names the first differing line, CRLF in the committed file being no difference', () => {
    expect(firstDifference('a;\r\nb;\r\nc;\r\n', 'a;\nB;\nc;\n')).toEqual({ line: 2, committed: 'b;', replayed: 'B;' });
  });

  it('files that differ only in the final newline say so', () => {
    expect(firstDifference('a;\nb;', 'a;\nb;\n')).toEqual({ line: 2, committed: '(no newline at end of file)', replayed: '(newline at end of file)' });
  });
});
