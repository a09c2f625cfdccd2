import { describe, expect, it } from 'vitest';
import { blockCommentEnd, dollarQuotedEnd, dollarTag, isSpace, nestedBlockCommentEnd, quotedEnd, wordEnd } from './scan.js';

describe('scan', () => {
  it('dollarTag: $$ or $tag$ opens a dollar quote; $1 and a bare $ do not', () => {
    expect(dollarTag('$$ x $$', 0)).toBe('$$');
    expect(dollarTag('$fn_1$ x $fn_1$', 0)).toBe('$fn_1$');
    for (const text of ['$1', '$ x', '$a-b$', '$a']) expect(dollarTag(text, 0), text).toBeUndefined();
  });

  it('dollarQuotedEnd: past the closing tag, or the end of an unterminated body', () => {
    expect(dollarQuotedEnd('$a$ $$ $a$;', 0, '$a$')).toBe(10);
    expect(dollarQuotedEnd('$$$$', 0, '$$')).toBe(4);
    expect(dollarQuotedEnd('$$ open', 0, '$$')).toBe(7);
  });

  it('wordEnd: past letters, digits, _ and $ after the first character', () => {
    expect(wordEnd('a1_b$c.d', 0)).toBe(6);
    expect(wordEnd('x y', 0)).toBe(1);
  });

  it('isSpace: the five blanks every splitter skips', () => {
    expect([' ', '\t', '\n', '\r', '\f'].every((c) => isSpace(c.charCodeAt(0)))).toBe(true);
    expect(['\v', '\ufeff', 'a'].some((c) => isSpace(c.charCodeAt(0)))).toBe(false);
  });

  it('comments and quotes end past their close, or at the end of the text', () => {
    expect(blockCommentEnd('/* a /* b */ c */', 0)).toBe(12);
    expect(nestedBlockCommentEnd('/* a /* b */ c */', 0)).toBe(17);
    expect(quotedEnd("'it''s' x", 0, 39, false)).toBe(7);
    expect(quotedEnd("'a\\'b' x", 0, 39, true)).toBe(6);
    expect(quotedEnd("'open", 0, 39, false)).toBe(5);
  });
});
