/**
 * Streaming result formatters for bb query: each takes the column names once, then batches of rows,
 * and returns text to write. csv, json and ndjson keep nothing between batches (memory stays at one
 * batch); table keeps its rows to size the columns, which is why it is limited (--limit, default 1,000).
 */
import type { JsonValueKind } from '../engine.js';

export type QueryFormat = 'table' | 'csv' | 'json' | 'ndjson';

export interface Formatter {
  header(): string;
  rows(rows: readonly (readonly unknown[])[]): string;
  /** `count` rows were written; `note` is a line such as "(limited to 1000 rows)". */
  footer(count: number, note?: string): string;
}

/** A cell as text: NULL is undefined, binary as \x hex (PostgreSQL's bytea output), dates ISO. */
export function cellText(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return `\\x${Buffer.from(v).toString('hex')}`;
  if (typeof v === 'object') return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
  return String(v);
}

/** A value for JSON output; text of a `kind` column (ResultColumn.json) becomes that kind when it reads as one. */
function jsonValue(v: unknown, kind?: JsonValueKind): unknown {
  if (v === null || v === undefined) return null;
  if (kind && typeof v === 'string') {
    if (kind === 'number') {
      const n = Number(v);
      return v.trim() !== '' && Number.isFinite(n) ? n : v; // NaN and Infinity stay text
    }
    if (kind === 'boolean') return v === 't' || v === 'true' ? true : v === 'f' || v === 'false' ? false : v;
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v;
    }
  }
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return `\\x${Buffer.from(v).toString('hex')}`;
  return v;
}

/**
 * CSV as PostgreSQL's COPY … CSV writes it (bb query may pass the server's own CSV through instead,
 * engines/postgres/csv.ts, and both must read the same): NULL is an empty field, an empty string is
 * "", a value with a comma, quote, CR or LF is quoted (quotes doubled), and so is \. alone in a
 * one-column result (it would read as COPY's end-of-data line).
 */
const CSV_SPECIAL = /[",\r\n]/;
function csvCell(v: unknown, single: boolean): string {
  const s = typeof v === 'string' ? v : cellText(v);
  if (s === undefined) return '';
  return s === '' || CSV_SPECIAL.test(s) || (single && s === '\\.') ? `"${s.replace(/"/g, '""')}"` : s;
}

/** `kinds`: how each column's text reads in json and ndjson (undefined: as it is; masked columns must be undefined). */
export function formatter(format: QueryFormat, names: readonly string[], kinds: readonly (JsonValueKind | undefined)[] = []): Formatter {
  switch (format) {
    case 'csv': {
      const single = names.length === 1;
      return {
        header: () => `${names.map((n) => csvCell(n, single)).join(',')}\n`,
        rows: (rows) => {
          let out = '';
          for (const row of rows) {
            for (let i = 0; i < row.length; i++) out += (i ? ',' : '') + csvCell(row[i], single);
            out += '\n';
          }
          return out;
        },
        footer: () => '',
      };
    }
    case 'ndjson':
      return {
        header: () => '',
        rows: (rows) => rows.map((row) => `${JSON.stringify(objectOf(names, row, kinds))}\n`).join(''),
        footer: () => '',
      };
    case 'json': {
      let first = true;
      return {
        header: () => '[',
        rows: (rows) => {
          let out = '';
          for (const row of rows) {
            out += `${first ? '\n' : ',\n'}  ${JSON.stringify(objectOf(names, row, kinds))}`;
            first = false;
          }
          return out;
        },
        footer: () => (first ? ']\n' : '\n]\n'),
      };
    }
    default:
      return tableFormatter(names);
  }
}

function objectOf(names: readonly string[], row: readonly unknown[], kinds: readonly (JsonValueKind | undefined)[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  names.forEach((n, i) => (o[n] = jsonValue(row[i], kinds[i])));
  return o;
}

/** psql-like aligned text; NULL prints empty. Rows are held until the footer (the output is limited). */
function tableFormatter(names: readonly string[]): Formatter {
  const held: string[][] = [];
  return {
    header: () => '',
    rows: (rows) => {
      for (const row of rows) held.push(row.map((v) => (cellText(v) ?? '').replace(/\r?\n/g, '\\n')));
      return '';
    },
    footer: (count, note) => {
      const widths = names.map((n, i) => Math.max(n.length, ...held.map((r) => r[i]!.length)));
      const line = (cells: readonly string[]): string => ` ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')}`.trimEnd();
      const out = [line(names), `-${widths.map((w) => '-'.repeat(w)).join('-+-')}-`, ...held.map(line), `(${count} row${count === 1 ? '' : 's'})${note ? ` ${note}` : ''}`];
      held.length = 0;
      return `${out.join('\n')}\n`;
    },
  };
}
