/**
 * bb query --format csv on a PostgreSQL server: the `COPY (…) TO STDOUT WITH (FORMAT csv, HEADER)`
 * statement whose bytes bb passes straight to stdout. The server writes the CSV (its own text forms,
 * its quoting), so bb decodes nothing; masked columns are masked by the server, with SQL expressions
 * that give exactly what src/query/mask.ts's maskers give for the same text, so masked data never
 * leaves the server and masking costs next to nothing.
 */
import type { MaskRule } from '../../src/config/model.js';

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * A masked value as SQL over column `c`, or undefined when there is no exact equivalent. A value's
 * text is the column itself when it is text or varchar, else format('%s', c): the type's output
 * function, the same text COPY writes (c::text differs for some types: booleans, inet, char(n)).
 * format() costs the server about as much as the whole COPY of a text column, hence the shortcut.
 */
export function maskExpression(rule: MaskRule, c: string, isText: boolean): string | undefined {
  const text = isText ? c : `format('%s', ${c})`;
  switch (rule.method) {
    case 'full':
      return `CASE WHEN ${c} IS NULL THEN NULL ELSE '***' END`;
    case 'hash':
      return `CASE WHEN ${c} IS NULL THEN NULL ELSE left(encode(sha256(convert_to(${text}, 'UTF8')), 'hex'), 16) END`;
    case 'partial': {
      const keep = rule.keep ?? 4;
      if (!Number.isSafeInteger(keep)) return undefined;
      const stars = (n: string): string => `repeat('*', greatest(3, least(${n}, 12)))`;
      if (keep <= 0) return `CASE WHEN ${c} IS NULL THEN NULL ELSE ${stars(`char_length(${text})`)} END`;
      return `CASE WHEN ${c} IS NULL THEN NULL WHEN char_length(${text}) > ${keep} THEN ${stars(`char_length(${text}) - ${keep}`)} || right(${text}, ${keep}) ELSE ${stars(`char_length(${text})`)} END`;
    }
    default:
      return undefined;
  }
}

/**
 * The COPY statement for `query` (already checked to be one read-only SELECT) whose result has
 * `names` as columns: masked as `masks` says, cut to `limit` rows (0: all); `isText` says which columns
 * are text or varchar. Undefined when a mask has
 * no SQL equivalent. Unmasked and unlimited, the query is copied as it is; otherwise it becomes a
 * subquery whose columns are renamed by position (its own names may repeat) and named back in the
 * outer SELECT, so the header is the same.
 */
export function csvCopyStatement(query: string, names: readonly string[], masks: readonly (MaskRule | undefined)[], limit: number, isText: (column: number) => boolean = () => false): string | undefined {
  const options = 'TO STDOUT WITH (FORMAT csv, HEADER)';
  const limited = limit > 0 ? `\nLIMIT ${limit}` : '';
  if (masks.every((m) => !m)) {
    return limit > 0 ? `COPY (SELECT * FROM (${query}\n) AS bb_query${limited}) ${options}` : `COPY (${query}\n) ${options}`;
  }
  const select: string[] = [];
  for (const [i, name] of names.entries()) {
    const c = `bb_query.bb_c${i + 1}`;
    const rule = masks[i];
    const value = rule ? maskExpression(rule, c, isText(i)) : c;
    if (value === undefined) return undefined;
    select.push(`${value} AS ${ident(name)}`);
  }
  const aliases = names.map((_n, i) => `bb_c${i + 1}`).join(', ');
  return `COPY (SELECT ${select.join(', ')} FROM (${query}\n) AS bb_query(${aliases})${limited}) ${options}`;
}
