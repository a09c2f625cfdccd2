import { describe, expect, it } from 'vitest';
import { parseDirectives, readDirectives } from './directives.js';

describe('readDirectives: the header', () => {
  it('block comments above the directives (a licence) are part of the header', () => {
    const licence = '/*\n * Copyright 2024 Acme\n */\n-- bb:transaction off\n-- bb:disable table.require-pk\nCREATE INDEX CONCURRENTLY i ON t (a);\n';
    expect(readDirectives(licence)).toEqual({ directives: { transaction: 'off', disable: ['table.require-pk'] }, problems: [] });
    expect(parseDirectives(licence, 'm/0001_x.sql').transaction).toBe('off');
    const oneLine = '/* Copyright 2024 Acme */ /* second */\n-- bb:transaction off\nVACUUM t;\n';
    expect(readDirectives(oneLine)).toEqual({ directives: { transaction: 'off', disable: [] }, problems: [] });
  });

  it('a line in a block comment holds no directive, and the first statement still ends the header', () => {
    expect(readDirectives('/*\n-- bb:transaction off\n*/\nSELECT 1;\n').directives.transaction).toBe('auto');
    const late = readDirectives('/* about */ SELECT 1;\n-- bb:transaction off\n');
    expect(late.problems.map((p) => `${p.line}: ${p.message}`)).toEqual(['2: "bb:transaction" must be in the comments at the top of the file, before the first statement.']);
  });

  it("MySQL's executable comments are statements: a directive below one is misplaced", () => {
    const dump = '/*!40101 SET NAMES utf8mb4 */;\n-- bb:transaction off\n';
    expect(readDirectives(dump).problems.map((p) => p.line)).toEqual([2]);
    expect(readDirectives('/*M!100100 SET x = 1 */;\n-- bb:transaction off\n').problems.map((p) => p.line)).toEqual([2]);
  });
});

describe('readDirectives: a directive after code on its line', () => {
  it('is checked like one on its own line: a misspelt or misplaced one is a problem, a valid one is not', () => {
    const typo = readDirectives("CREATE TABLE b (id int); -- bb:disable-nxt-statement table.require-pk\n");
    expect(typo.problems.map((p) => `${p.line}: ${p.message}`)).toEqual(['1: unknown directive "bb:disable-nxt-statement" (did you mean "disable-next-statement"?).']);
    expect(readDirectives('SELECT 1; -- bb:transaction off\n').problems.map((p) => p.line)).toEqual([1]);
    expect(readDirectives('SELECT 1; -- bb:disable-next-statement table.require-pk\nCREATE TABLE c (id int);\n').problems).toEqual([]);
  });

  it('not inside a string literal', () => {
    expect(readDirectives("INSERT INTO notes VALUES ('-- bb:whatever');\n").problems).toEqual([]);
    expect(readDirectives("INSERT INTO notes VALUES ('it''s'); -- bb:oops\n").problems.map((p) => p.line)).toEqual([1]);
  });
});
