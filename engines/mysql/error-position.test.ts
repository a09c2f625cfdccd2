import { describe, expect, it } from 'vitest';
import { locateMysqlError } from './error-position.js';

const syntax = (near: string, line: number) => ({ sqlMessage: `You have an error in your SQL syntax; check the manual that corresponds to your MariaDB server version for the right syntax to use near '${near}' at line ${line}` });

describe('locateMysqlError', () => {
  it('finds the quoted text, not the line the server names (MariaDB names the next one)', () => {
    const sql = 'CREATE TABLE b (\n  id int,\n  y int NOT NULLL\n)';
    expect(locateMysqlError(syntax('NULLL\n)', 4), sql)).toEqual({ offset: sql.indexOf('NULLL') });
  });

  it('takes the last occurrence that starts on or before the named line', () => {
    const sql = 'SELECT x\nFROM t WHERE x\nAND x';
    expect(locateMysqlError(syntax('x', 2), sql)).toEqual({ offset: sql.indexOf('x\nAND') });
  });

  it('points past the end when the statement ended too early', () => {
    expect(locateMysqlError(syntax('', 1), 'SELECT * FROM  ')).toEqual({ offset: 'SELECT * FROM'.length });
  });

  it('keeps the server\'s line when the text is not in the statement', () => {
    expect(locateMysqlError(syntax('elsewhere', 2), 'SELECT\n1')).toEqual({ line: 2 });
  });

  it('says nothing for an error without a position', () => {
    expect(locateMysqlError({ sqlMessage: "Table 'x' already exists" }, 'CREATE TABLE x (id int)')).toBeUndefined();
    expect(locateMysqlError(new Error('connection lost'), 'SELECT 1')).toBeUndefined();
  });
});
