/**
 * Moving a CREATE statement to another database on restore: ClickHouse shows every table name in a
 * CREATE (views' queries included) qualified with its database, so each `old.` qualifier, bare or
 * quoted, becomes `new.`, or goes (`to` undefined: introspect.ts unqualify, for portable dumps).
 * String literals are left as they are: a dictionary's SOURCE(CLICKHOUSE(DB 'old' …)) keeps reading
 * the old database.
 */
import { quoteIdent } from './history.js';
import { tokenize } from './parse.js';

export function requalify(ddl: string, from: string, to: string | undefined): string {
  const { tokens } = tokenize(ddl);
  let out = '';
  let last = 0;
  for (let k = 0; k + 2 < tokens.length; k++) {
    const t = tokens[k]!;
    const dot = tokens[k + 1]!;
    if ((t.type === 'word' || t.type === 'quoted') && (t.type === 'word' ? t.text : t.value) === from && dot.type === '.' && dot.at === t.at + t.text.length) {
      if (tokens[k - 1]?.type === '.') continue; // x.db.y: db is not a database qualifier here
      // Moved: the new name before the dot; removed (to undefined): the qualifier and its dot.
      out += ddl.slice(last, t.at) + (to === undefined ? '' : quoteIdent(to));
      last = to === undefined ? dot.at + 1 : dot.at;
    }
  }
  return out + ddl.slice(last);
}
