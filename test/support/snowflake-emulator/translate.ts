/**
 * Snowflake SQL → PostgreSQL SQL for the emulator: the small translation the emulator needs, not a
 * general converter. Names: Snowflake folds unquoted identifiers to upper case and PostgreSQL to lower
 * case, so the emulator stores every name with its letters' case swapped ("USERS" is stored as
 * `users`, "Users" as `uSERS`): unquoted identifiers pass through unchanged and quoted ones get their
 * case swapped. Names read back (result columns, INFORMATION_SCHEMA values) are swapped again.
 */

export type TokenType = 'ws' | 'comment' | 'str' | 'qid' | 'word' | 'num' | 'dollar' | 'op' | 'param';
export interface Token { type: TokenType; text: string; upper: string }

export function swapCase(s: string): string {
  let out = '';
  for (const ch of s) {
    const lower = ch.toLowerCase();
    out += ch === lower ? ch.toUpperCase() : lower;
  }
  return out;
}

const isIdentStart = (c: string): boolean => /[A-Za-z_\u0080-\uffff]/.test(c);
const isIdentChar = (c: string): boolean => /[A-Za-z0-9_$\u0080-\uffff]/.test(c);

export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  const n = sql.length;
  let i = 0;
  const push = (type: TokenType, end: number): void => {
    const text = sql.slice(i, end);
    out.push({ type, text, upper: type === 'word' ? text.toUpperCase() : text });
    i = end;
  };
  while (i < n) {
    const c = sql[i]!;
    const d = sql[i + 1];
    if (/\s/.test(c)) {
      let j = i + 1;
      while (j < n && /\s/.test(sql[j]!)) j++;
      push('ws', j);
    } else if ((c === '-' && d === '-') || (c === '/' && d === '/')) {
      const nl = sql.indexOf('\n', i);
      push('comment', nl === -1 ? n : nl);
    } else if (c === '/' && d === '*') {
      const close = sql.indexOf('*/', i + 2);
      push('comment', close === -1 ? n : close + 2);
    } else if (c === "'") {
      let j = i + 1;
      while (j < n) {
        if (sql[j] === '\\') j += 2;
        else if (sql[j] === "'" && sql[j + 1] === "'") j += 2;
        else if (sql[j] === "'") break;
        else j++;
      }
      push('str', Math.min(j + 1, n));
    } else if (c === '"') {
      let j = i + 1;
      while (j < n) {
        if (sql[j] === '"' && sql[j + 1] === '"') j += 2;
        else if (sql[j] === '"') break;
        else j++;
      }
      push('qid', Math.min(j + 1, n));
    } else if (c === '$' && d === '$') {
      const close = sql.indexOf('$$', i + 2);
      push('dollar', close === -1 ? n : close + 2);
    } else if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentChar(sql[j]!)) j++;
      push('word', j);
    } else if (/[0-9]/.test(c) || (c === '.' && d !== undefined && /[0-9]/.test(d))) {
      let j = i + 1;
      while (j < n && /[0-9.eE]/.test(sql[j]!)) j++;
      push('num', j);
    } else if (c === '?') {
      push('param', i + 1);
    } else if (c === ':' && d !== undefined && /[0-9]/.test(d) && sql[i - 1] !== ':') {
      let j = i + 1;
      while (j < n && /[0-9]/.test(sql[j]!)) j++;
      push('param', j);
    } else if ((c === ':' && d === ':') || (c === '|' && d === '|') || (c === '<' && (d === '=' || d === '>')) || (c === '>' && d === '=') || (c === '!' && d === '=') || (c === ':' && d === '=')) {
      push('op', i + 2);
    } else {
      push('op', i + 1);
    }
  }
  return out;
}

/** A Snowflake identifier as written → the name as Snowflake stores it (unquoted: upper case). */
export function identName(tok: Token): string {
  return tok.type === 'qid' ? tok.text.slice(1, -1).replace(/""/g, '"') : tok.text.toUpperCase();
}

/** A Snowflake name → its PostgreSQL identifier (case swapped, quoted when needed). */
export function pgIdent(name: string): string {
  const stored = swapCase(name);
  return /^[a-z_][a-z0-9_$]*$/.test(stored) ? stored : `"${stored.replace(/"/g, '""')}"`;
}

/** A Snowflake name as GET_DDL prints it: bare when it is a plain upper-case name. */
export function sfIdent(name: string): string {
  return /^[A-Z_][A-Z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

const TYPES: Record<string, string> = {
  NUMBER: 'numeric', DECIMAL: 'numeric', NUMERIC: 'numeric',
  INT: 'numeric(38,0)', INTEGER: 'numeric(38,0)', BIGINT: 'numeric(38,0)', SMALLINT: 'numeric(38,0)', TINYINT: 'numeric(38,0)', BYTEINT: 'numeric(38,0)',
  STRING: 'text', TEXT: 'text', NVARCHAR: 'varchar', NVARCHAR2: 'varchar', NCHAR: 'char', 'CHAR VARYING': 'varchar',
  FLOAT: 'double precision', FLOAT4: 'double precision', FLOAT8: 'double precision', DOUBLE: 'double precision', REAL: 'double precision',
  TIMESTAMP_NTZ: 'timestamp', DATETIME: 'timestamp', TIMESTAMP_LTZ: 'timestamptz', TIMESTAMP_TZ: 'timestamptz',
  VARIANT: 'jsonb', OBJECT: 'jsonb', BINARY: 'bytea', VARBINARY: 'bytea',
};

/** Functions renamed 1:1 (the emulator's schema sf_emulator defines the rest: iff, nvl, dateadd, …). */
const FUNCTIONS: Record<string, string> = {
  ARRAY_CONSTRUCT: 'jsonb_build_array', OBJECT_CONSTRUCT: 'jsonb_build_object', ARRAY_SIZE: 'jsonb_array_length',
  LEN: 'length', CHARINDEX: 'strpos', IFNULL: 'coalesce', ZEROIFNULL: 'sf_emulator.zeroifnull', TO_JSON: 'to_jsonb',
  TRY_PARSE_JSON: 'sf_emulator.parse_json', PARSE_JSON: 'sf_emulator.parse_json', TO_VARIANT: 'to_jsonb',
  TO_VARCHAR: 'sf_emulator.to_varchar', TO_NUMBER: 'sf_emulator.to_number', UUID_STRING: 'gen_random_uuid',
  IFF: 'sf_emulator.iff', NVL: 'coalesce', NVL2: 'sf_emulator.nvl2', SYSDATE: 'sf_emulator.sysdate',
};
/** Units taken as a bare word by DATEADD/DATEDIFF/TIMESTAMPADD/TIMESTAMPDIFF. */
const UNIT_FUNCTIONS = new Set(['DATEADD', 'TIMESTAMPADD', 'DATEDIFF', 'TIMESTAMPDIFF']);
const NO_PAREN = new Set(['CURRENT_TIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME', 'LOCALTIMESTAMP', 'LOCALTIME', 'CURRENT_USER']);

export interface TranslateContext {
  /** The emulated database's name (Snowflake case); `DB.SCHEMA.T` with this name is reduced to `SCHEMA.T`. */
  database: string;
  /** Values for CURRENT_DATABASE() and friends. */
  session: { user: string; role: string; warehouse: string; schema: string | undefined };
}

/**
 * Rewrites tokens in place order: comments dropped, quoted identifiers case-swapped, types and
 * functions renamed, `?`/`:n` bindings numbered `$n`, INFORMATION_SCHEMA redirected to the emulator's
 * views, the current database's name dropped from three-part names.
 */
export function rewrite(tokens: readonly Token[], ctx: TranslateContext): string {
  let out = '';
  let params = 0;
  const sig = (k: number): Token | undefined => {
    for (let j = k; j < tokens.length; j++) if (tokens[j]!.type !== 'ws' && tokens[j]!.type !== 'comment') return tokens[j];
    return undefined;
  };
  const sigIndex = (k: number): number => {
    for (let j = k; j < tokens.length; j++) if (tokens[j]!.type !== 'ws' && tokens[j]!.type !== 'comment') return j;
    return tokens.length;
  };
  const prevSigIndex = (k: number): number => {
    for (let j = k; j >= 0; j--) if (tokens[j]!.type !== 'ws' && tokens[j]!.type !== 'comment') return j;
    return -1;
  };
  // The dot after a dropped database name: the name after it starts the name (DB.INFORMATION_SCHEMA.X).
  let droppedDot = -1;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    const prevIndex = prevSigIndex(k - 1);
    const prev = tokens[prevIndex];
    const afterDot = prev?.text === '.' && prevIndex !== droppedDot;
    if (t.type === 'comment') {
      out += ' ';
      continue;
    }
    if (t.type === 'param') {
      params++;
      out += t.text === '?' ? `$${params}` : `$${t.text.slice(1)}`;
      continue;
    }
    if (t.type === 'qid' || t.type === 'word') {
      // DB.SCHEMA.X → SCHEMA.X when DB is the emulated database
      const n1 = sigIndex(k + 1);
      const n2 = sigIndex(n1 + 1);
      const n3 = sigIndex(n2 + 1);
      if (!afterDot && tokens[n1]?.text === '.' && (tokens[n2]?.type === 'word' || tokens[n2]?.type === 'qid') && tokens[n3]?.text === '.' && identName(t) === ctx.database) {
        k = n1;
        droppedDot = n1;
        continue;
      }
    }
    if (t.type === 'qid') {
      out += pgIdent(identName(t));
      continue;
    }
    if (t.type !== 'word') {
      out += t.text;
      continue;
    }
    const next = sig(k + 1);
    const u = t.upper;
    if (afterDot) {
      out += t.text;
      continue;
    }
    if (u === 'INFORMATION_SCHEMA' && next?.text === '.') {
      out += 'sf_information_schema';
      continue;
    }
    if (next?.text === '(') {
      if (NO_PAREN.has(u)) {
        const close = sigIndex(sigIndex(k + 1) + 1);
        if (tokens[close]?.text === ')') {
          out += u === 'CURRENT_USER' ? `'${ctx.session.user}'` : u;
          k = close;
          continue;
        }
      }
      const literal = currentLiteral(u, ctx);
      if (literal !== undefined) {
        const close = sigIndex(sigIndex(k + 1) + 1);
        if (tokens[close]?.text === ')') {
          out += literal;
          k = close;
          continue;
        }
      }
      if (UNIT_FUNCTIONS.has(u)) {
        const open = sigIndex(k + 1);
        const unit = sigIndex(open + 1);
        const unitTok = tokens[unit];
        if (unitTok && (unitTok.type === 'word' || unitTok.type === 'str')) {
          const name = unitTok.type === 'str' ? unitTok.text.slice(1, -1) : unitTok.text;
          out += `sf_emulator.${u.startsWith('TIMESTAMP') ? u.replace('TIMESTAMP', 'DATE').toLowerCase() : u.toLowerCase()}('${name.toLowerCase()}'`;
          k = unit;
          continue;
        }
      }
      const fn = FUNCTIONS[u];
      if (fn) {
        out += fn;
        continue;
      }
    }
    const type = TYPES[u];
    if (type && isTypePosition(prev)) {
      // NUMBER(p, s) keeps its arguments; a bare NUMBER is NUMBER(38,0)
      if ((u === 'NUMBER' || u === 'DECIMAL' || u === 'NUMERIC') && next?.text !== '(') out += 'numeric(38,0)';
      else if (u === 'DOUBLE' && next?.upper === 'PRECISION') out += 'double';
      else if ((TYPES[u]!.startsWith('timestamp') || u === 'BINARY' || u === 'VARBINARY' || u === 'FLOAT') && next?.text === '(') {
        out += type;
        k = skipParens(tokens, sigIndex(k + 1));
      } else out += type;
      continue;
    }
    if ((u === 'TIMESTAMP' || u === 'TIME') && next?.text === '(' && isTypePosition(prev)) {
      out += u === 'TIMESTAMP' ? 'timestamp' : 'time';
      k = skipParens(tokens, sigIndex(k + 1));
      continue;
    }
    out += t.text;
  }
  return out;
}

function currentLiteral(fn: string, ctx: TranslateContext): string | undefined {
  const q = (s: string | undefined): string => (s === undefined ? 'NULL' : `'${s.replace(/'/g, "''")}'`);
  switch (fn) {
    case 'CURRENT_DATABASE': return q(ctx.database);
    case 'CURRENT_SCHEMA': return q(ctx.session.schema);
    case 'CURRENT_ROLE': return q(ctx.session.role);
    case 'CURRENT_WAREHOUSE': return q(ctx.session.warehouse);
    case 'CURRENT_ACCOUNT': return q('LOCAL');
    case 'CURRENT_REGION': return q('EMULATOR');
    case 'CURRENT_VERSION': return q('9.0.0 (bb emulator)');
    case 'CURRENT_SESSION': return q('1');
    case 'CURRENT_CLIENT': return q('snowflake-sdk');
    default: return undefined;
  }
}

/** A type name follows a column name, `::`, `AS` (CAST), or a `(`/`,` in a parameter list. */
function isTypePosition(prev: Token | undefined): boolean {
  if (!prev) return false;
  if (prev.text === '::') return true;
  if (prev.type === 'qid') return true;
  if (prev.type === 'word') return !['SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'ON', 'BY', 'SET', 'VALUES', 'INTO', 'JOIN', 'TABLE', 'THEN', 'ELSE', 'WHEN', 'RETURN', 'IN', 'IS', 'NOT'].includes(prev.upper);
  return false;
}

/** Index of the matching `)` for the `(` at open, or the last token when it is not closed. */
function skipParens(tokens: readonly Token[], open: number): number {
  const close = matchParen(tokens, open);
  return close === -1 ? tokens.length - 1 : close;
}

/** Index of the matching `)` for the `(` at open, or -1. */
export function matchParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    if (tokens[j]!.text === '(') depth++;
    else if (tokens[j]!.text === ')') {
      depth--;
      if (depth === 0) return j;
    }
  }
  return -1;
}

export function significant(tokens: readonly Token[]): Token[] {
  return tokens.filter((t) => t.type !== 'ws' && t.type !== 'comment');
}

export function render(tokens: readonly Token[]): string {
  return tokens.map((t) => t.text).join('');
}

/** Joins significant tokens (whitespace removed) back into SQL, with a space only where one is needed. */
export function join(tokens: readonly Token[]): string {
  let out = '';
  let prev: Token | undefined;
  for (const t of tokens) {
    const tight = !prev || prev.text === '(' || prev.text === '.' || prev.text === '::' || t.text === ')' || t.text === ',' || t.text === '.' || t.text === '::' || (t.text === '(' && prev.type === 'word');
    out += (tight ? '' : ' ') + t.text;
    prev = t;
  }
  return out;
}
