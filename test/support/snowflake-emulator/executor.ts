/**
 * Executes Snowflake statements on an embedded PostgreSQL (PGlite) with Snowflake's semantics where bb
 * depends on them: DDL commits an open transaction and auto-commits itself; PRIMARY KEY, UNIQUE and
 * FOREIGN KEY are recorded but not enforced; names fold to upper case; results come back in
 * Snowflake's JSON rowset format. PGlite is one connection, so sessions take turns: a session with an
 * open transaction makes the others wait (as a Snowflake table lock would), up to lockWaitMs.
 */
import type { PGlite, Results } from '@electric-sql/pglite';
import { splitSnowflake } from '../../../engines/snowflake/split.js';
import { identName, join, matchParen, pgIdent, render, rewrite, sfIdent, significant, swapCase, tokenize, type Token } from './translate.js';

export interface EmuSession {
  readonly id: number;
  readonly token: string;
  readonly user: string;
  role: string;
  warehouse: string;
  /** Snowflake name of the current schema. */
  schema: string | undefined;
  inTx: boolean;
  parameters: Record<string, string>;
}

export interface RowType { name: string; type: string; nullable: boolean; scale: number; precision: number; length: number | null; byteLength: number | null; database: string; schema: string; table: string }
export interface QueryData { rowtype: RowType[]; rowset: (string | null)[][]; total: number; returned: number; statementTypeId: number }
export class SnowflakeError extends Error {
  constructor(readonly code: string, readonly sqlState: string, message: string) {
    super(message);
  }
}

const STATUS_OK = 'Statement executed successfully.';
const TYPE_DDL = 0x6000;
const TYPE_SELECT = 0x1000;
const DML_TYPES: Record<string, [number, string]> = {
  INSERT: [0x3100, 'number of rows inserted'], UPDATE: [0x3200, 'number of rows updated'],
  DELETE: [0x3300, 'number of rows deleted'], MERGE: [0x3400, 'number of rows merged'],
};
const DDL_WORDS = new Set(['CREATE', 'ALTER', 'DROP', 'COMMENT', 'UNDROP', 'GRANT', 'REVOKE']);

/** Raw text for every type: the emulator formats values itself. */
const RAW_TYPES = [16, 17, 20, 21, 23, 25, 114, 700, 701, 1043, 1042, 1082, 1083, 1114, 1184, 1700, 3802, 19, 26, 2950];
const PARSERS = Object.fromEntries(RAW_TYPES.map((t) => [t, (v: string) => v]));

export class Executor {
  private queue: Promise<void> = Promise.resolve();
  private txOwner: EmuSession | undefined;
  private txWaiters: (() => void)[] = [];
  private searchPathFor: string | undefined;

  constructor(private readonly db: PGlite, readonly database: string, private readonly lockWaitMs: number) {}

  /** Runs fn with the one PGlite connection, after any other session's open transaction has ended. */
  private async exclusive<T>(session: EmuSession, fn: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.lockWaitMs;
    while (this.txOwner && this.txOwner !== session) {
      const left = deadline - Date.now();
      if (left <= 0) throw new SnowflakeError('000625', '57014', `Statement reached its statement or warehouse timeout of ${Math.round(this.lockWaitMs / 1000)} second(s) waiting for a lock held by another transaction.`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.txWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    const previous = this.queue;
    let release!: () => void;
    this.queue = new Promise<void>((r) => (release = r));
    await previous;
    try {
      if (this.txOwner && this.txOwner !== session) return await this.exclusive(session, fn);
      await this.useSearchPath(session);
      return await fn();
    } finally {
      release();
    }
  }

  private endTx(): void {
    this.txOwner = undefined;
    for (const wake of this.txWaiters.splice(0)) wake();
  }

  private async useSearchPath(session: EmuSession): Promise<void> {
    const path = `${session.schema !== undefined ? `${pgIdent(session.schema)}, ` : ''}sf_emulator`;
    if (path === this.searchPathFor) return;
    await this.db.exec(`SET search_path TO ${path}`);
    this.searchPathFor = path;
  }

  async closeSession(session: EmuSession): Promise<void> {
    if (session.inTx) {
      await this.exclusive(session, () => this.db.exec('ROLLBACK'));
      session.inTx = false;
      this.endTx();
    }
  }

  async schemaExists(name: string): Promise<boolean> {
    const rows = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = $1', [swapCase(name)]);
    return (rows.rows[0]?.n ?? 0) > 0;
  }

  /** Executes one Snowflake statement (no trailing `;` needed). */
  async execute(session: EmuSession, sql: string, binds: readonly (string | null)[]): Promise<QueryData> {
    const text = sql.trim().replace(/;\s*$/, '');
    const tokens = tokenize(text);
    const sig = significant(tokens);
    const w = (k: number): string => (sig[k]?.type === 'word' ? sig[k]!.upper : sig[k]?.text ?? '');
    const first = w(0);
    if (first === '') return status(STATUS_OK);

    // transactions
    if ((first === 'BEGIN' && (sig.length === 1 || ['TRANSACTION', 'WORK', 'NAME'].includes(w(1)))) || (first === 'START' && w(1) === 'TRANSACTION')) {
      if (!session.inTx) {
        await this.exclusive(session, async () => {
          await this.db.exec('BEGIN');
          session.inTx = true;
          this.txOwner = session;
        });
      }
      return status(STATUS_OK);
    }
    if ((first === 'COMMIT' || first === 'ROLLBACK') && sig.length <= 2) {
      if (session.inTx) {
        await this.exclusive(session, () => this.db.exec(first));
        session.inTx = false;
        this.endTx();
      }
      return status(STATUS_OK);
    }
    // session commands
    if (first === 'USE') return this.use(session, sig);
    if (first === 'ALTER' && w(1) === 'SESSION') {
      const m = /\bSET\s+(\w+)\s*=\s*'?([^']*?)'?\s*$/i.exec(text);
      if (m) session.parameters[m[1]!.toUpperCase()] = m[2]!;
      return status(STATUS_OK);
    }
    if (first === 'GRANT' || first === 'REVOKE') return status(STATUS_OK); // roles are not emulated
    if (first === 'SHOW' || first === 'DESCRIBE' || first === 'DESC' || first === 'PUT' || first === 'GET' || first === 'UNDROP') {
      throw unsupported(`${first} statements`);
    }
    // SYSTEM$WAIT: a long-running statement for the polling tests, waited in JavaScript so that the
    // emulator keeps answering other requests meanwhile.
    const wait = /^(?:CALL|SELECT)\s+SYSTEM\$WAIT\s*\(\s*([0-9.]+)\s*(?:,\s*'(\w+)'\s*)?\)$/i.exec(text);
    if (wait) {
      const unit = (wait[2] ?? 'SECONDS').toUpperCase();
      const ms = Number(wait[1]) * (unit.startsWith('MILLI') ? 1 : unit.startsWith('MIN') ? 60_000 : 1000);
      // STATEMENT_TIMEOUT_IN_SECONDS (session parameter; 0 = none): the server cancels the statement.
      const limit = Number(session.parameters.STATEMENT_TIMEOUT_IN_SECONDS ?? 0);
      if (limit > 0 && ms > limit * 1000) {
        await new Promise((r) => setTimeout(r, limit * 1000));
        throw new SnowflakeError('000630', '57014', `Statement reached its statement or warehouse timeout of ${limit} second(s) and was canceled.`);
      }
      await new Promise((r) => setTimeout(r, ms));
      return single('SYSTEM$WAIT', `waited ${wait[1]} ${unit.toLowerCase()}`);
    }
    const ddl = /^SELECT\s+GET_DDL\s*\(\s*'(\w+)'\s*,\s*'((?:[^']|'')*)'\s*(?:,\s*\w+\s*)?\)(?:\s+AS\s+("?)(\w+)\3)?$/i.exec(text);
    if (ddl) {
      const out = await this.exclusive(session, () => this.getDdl(session, ddl[1]!.toUpperCase(), ddl[2]!.replace(/''/g, "'")));
      return single(ddl[4] ? (ddl[3] ? ddl[4] : ddl[4].toUpperCase()) : `GET_DDL('${ddl[1]}', '${ddl[2]}')`, out);
    }
    if (first === 'EXECUTE' && w(1) === 'IMMEDIATE' && sig[2]?.type === 'dollar') {
      return this.block(session, sig[2].text.slice(2, -2), binds);
    }
    if (first === 'EXECUTE' && w(1) === 'IMMEDIATE' && sig[2]?.type === 'str') {
      return this.block(session, sig[2].text.slice(1, -1).replace(/''/g, "'"), binds);
    }
    if (first === 'BEGIN' || first === 'DECLARE') return this.block(session, text, binds);

    const isDdl = DDL_WORDS.has(first);
    const statements = isDdl ? await this.translateDdl(session, tokens, sig, text) : [{ sql: rewrite(tokens, this.ctx(session)), params: binds }];
    const run = async (): Promise<Results<unknown[]>> => {
      let last: Results<unknown[]> | undefined;
      for (const s of statements) {
        if (process.env.SF_EMULATOR_DEBUG) console.error('[sf-emulator]', s.sql, s.params);
        last = await this.db.query<unknown[]>(s.sql, s.params as unknown[], { rowMode: 'array', parsers: PARSERS });
      }
      return last!;
    };
    try {
      if (isDdl) {
        // Snowflake: a DDL statement commits the open transaction, then runs in a transaction of its own.
        await this.exclusive(session, async () => {
          if (session.inTx) {
            await this.db.exec('COMMIT');
            session.inTx = false;
            this.endTx();
          }
          await this.db.exec('BEGIN');
          try {
            const r = await run();
            await this.db.exec('COMMIT');
            return r;
          } catch (error) {
            await this.db.exec('ROLLBACK');
            throw error;
          }
        });
        return status(STATUS_OK);
      }
      // One PostgreSQL statement: atomic on its own, as a Snowflake autocommit statement is.
      const result = await this.exclusive(session, run);
      const dml = DML_TYPES[first];
      if (dml) {
        return { rowtype: [column(dml[1], 'fixed', 0)], rowset: [[String(result.affectedRows ?? 0)]], total: 1, returned: 1, statementTypeId: dml[0] };
      }
      return toRowset(result);
    } catch (error) {
      throw toSnowflakeError(error, text);
    }
  }

  private ctx(session: EmuSession) {
    return { database: this.database, session: { user: session.user, role: session.role, warehouse: session.warehouse, schema: session.schema } };
  }

  private async use(session: EmuSession, sig: Token[]): Promise<QueryData> {
    const kind = sig[1]?.type === 'word' && ['DATABASE', 'SCHEMA', 'WAREHOUSE', 'ROLE', 'SECONDARY'].includes(sig[1].upper) ? sig[1].upper : 'DATABASE';
    const names = sig.slice(kind === 'DATABASE' && sig[1]?.upper !== 'DATABASE' ? 1 : 2).filter((t) => t.text !== '.').map(identName);
    if (kind === 'WAREHOUSE') session.warehouse = names[0] ?? session.warehouse;
    else if (kind === 'ROLE') session.role = names[0] ?? session.role;
    else if (kind === 'DATABASE') {
      if (names[0] !== this.database) throw new SnowflakeError('002043', '02000', `SQL compilation error:\nObject does not exist, or operation cannot be performed.`);
      session.schema = 'PUBLIC';
    } else if (kind === 'SCHEMA') {
      const schema = names.length > 1 ? names[1]! : names[0]!;
      if (names.length > 1 && names[0] !== this.database) throw new SnowflakeError('002043', '02000', `SQL compilation error:\nObject does not exist, or operation cannot be performed.`);
      if (!(await this.schemaExists(schema))) throw new SnowflakeError('002043', '02000', `SQL compilation error:\nObject does not exist, or operation cannot be performed.`);
      session.schema = schema;
    }
    return status(STATUS_OK);
  }

  /** An anonymous Snowflake Scripting block: the emulator runs blocks that are a list of SQL statements. */
  private async block(session: EmuSession, body: string, binds: readonly (string | null)[]): Promise<QueryData> {
    let inner = body.trim().replace(/;\s*$/, '');
    const m = /^BEGIN\b([\s\S]*)\bEND$/i.exec(inner);
    if (!m) throw unsupported('Snowflake Scripting beyond BEGIN … END blocks of plain SQL statements');
    inner = m[1]!;
    let last: QueryData = status(STATUS_OK);
    for (const stmt of splitSnowflake(inner)) {
      const head = stmt.text.trimStart().split(/\s+/, 1)[0]!.toUpperCase();
      if (['LET', 'IF', 'FOR', 'WHILE', 'LOOP', 'REPEAT', 'CASE', 'RETURN', 'RAISE', 'DECLARE'].includes(head)) {
        throw unsupported(`Snowflake Scripting ${head} (the emulator runs blocks of plain SQL statements only)`);
      }
      last = await this.execute(session, stmt.text, binds);
    }
    return last;
  }

  /** Splits a possibly qualified name into the PostgreSQL schema and relation names (case-swapped). */
  private qualified(session: EmuSession, parts: readonly string[]): { schema: string; name: string; sql: string } {
    const rest = parts.length === 3 ? parts.slice(1) : parts;
    const schema = rest.length === 2 ? rest[0]! : session.schema ?? 'PUBLIC';
    const name = rest[rest.length - 1]!;
    return { schema: swapCase(schema), name: swapCase(name), sql: `${pgIdent(schema)}.${pgIdent(name)}` };
  }

  /** Reads an object name starting at sig[k]: returns its parts and the index after it. */
  private static readName(sig: readonly Token[], k: number): { parts: string[]; next: number } {
    const parts: string[] = [];
    while (sig[k] && (sig[k]!.type === 'word' || sig[k]!.type === 'qid')) {
      parts.push(identName(sig[k]!));
      if (sig[k + 1]?.text !== '.') return { parts, next: k + 1 };
      k += 2;
    }
    return { parts, next: k };
  }

  private async translateDdl(session: EmuSession, tokens: Token[], sig: Token[], original: string): Promise<{ sql: string; params: readonly (string | null)[] }[]> {
    const ctx = this.ctx(session);
    const plain = (sql: string) => ({ sql, params: [] as (string | null)[] });
    const tr = (text: string) => plain(rewrite(tokenize(text), ctx));
    const w = (k: number): string => (sig[k]?.type === 'word' ? sig[k]!.upper : sig[k]?.text ?? '');
    const first = w(0);
    if (first === 'CREATE') {
      let k = 1;
      let replace = false;
      if (w(1) === 'OR' && w(2) === 'REPLACE') {
        replace = true;
        k = 3;
      }
      const modifiers: string[] = [];
      while (['TRANSIENT', 'TEMPORARY', 'TEMP', 'VOLATILE', 'LOCAL', 'GLOBAL', 'SECURE', 'RECURSIVE'].includes(w(k))) modifiers.push(w(k++));
      const objectKind = w(k++);
      let ifNotExists = false;
      if (w(k) === 'IF' && w(k + 1) === 'NOT' && w(k + 2) === 'EXISTS') {
        ifNotExists = true;
        k += 3;
      }
      const { parts, next } = Executor.readName(sig, k);
      const target = this.qualified(session, parts);
      const rest = sig.slice(next);
      const exists = async (relkind: string): Promise<boolean> => {
        const r = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind = ANY($3)`, [target.schema, target.name, relkind.split('')]);
        return (r.rows[0]?.n ?? 0) > 0;
      };
      const bookkeepingDelete = (table: string) => [
        plain(`DELETE FROM sf_emulator.${table} WHERE schema_name = '${esc(target.schema)}' AND ${table === 'views' ? 'view_name' : 'table_name'} = '${esc(target.name)}'`),
      ];
      if (objectKind === 'SCHEMA') {
        const name = parts.length === 2 ? parts[1]! : parts[0]!;
        return [
          ...(replace ? [plain(`DROP SCHEMA IF EXISTS ${pgIdent(name)} CASCADE`)] : []),
          plain(`CREATE SCHEMA ${ifNotExists ? 'IF NOT EXISTS ' : ''}${pgIdent(name)}`),
        ];
      }
      if (objectKind === 'DATABASE') {
        if (parts[0] === this.database && ifNotExists) return [];
        throw unsupported('CREATE DATABASE (each emulator serves one database)');
      }
      if (objectKind === 'SEQUENCE') {
        return [...(replace ? [plain(`DROP SEQUENCE IF EXISTS ${target.sql}`)] : []), plain(`CREATE SEQUENCE ${ifNotExists ? 'IF NOT EXISTS ' : ''}${target.sql} ${join(rest).replace(/=/g, ' ')}`)];
      }
      if (objectKind === 'VIEW') {
        if (ifNotExists && (await exists('v'))) return [];
        const asIndex = rest.findIndex((t) => t.type === 'word' && t.upper === 'AS');
        if (asIndex === -1) throw new SnowflakeError('001003', '42000', 'SQL compilation error:\nsyntax error: CREATE VIEW needs AS <query>.');
        const columns = rest[0]?.text === '(' ? join(rest.slice(0, matchParen(rest, 0) + 1).filter((t) => !(t.type === 'word' && t.upper === 'COMMENT') && t.type !== 'str')) : '';
        const q = queryAfterAs(tokens, rest[asIndex]!);
        return [
          ...(replace ? [plain(`DROP VIEW IF EXISTS ${target.sql}`)] : []),
          { sql: `CREATE VIEW ${target.sql} ${columns ? rewrite(tokenize(columns), ctx) : ''} AS ${rewrite(tokenize(q), ctx)}`, params: [] },
          ...bookkeepingDelete('views'),
          plain(`INSERT INTO sf_emulator.views VALUES ('${esc(target.schema)}', '${esc(target.name)}', '${esc(original.trim())}')`),
        ];
      }
      if (objectKind === 'TABLE') {
        if (ifNotExists && (await exists('rp'))) return [];
        const temp = modifiers.some((m) => m === 'TEMPORARY' || m === 'TEMP' || m === 'VOLATILE');
        const out = [...(replace ? [plain(`DROP TABLE IF EXISTS ${target.sql} CASCADE`)] : [])];
        const constraints: string[] = [];
        let body: string;
        if (rest[0]?.text === '(') {
          const close = matchParen(rest, 0);
          const items = splitItems(rest.slice(1, close));
          const kept: string[] = [];
          for (const item of items) {
            const { column, constraint } = stripConstraints(item);
            if (constraint) constraints.push(constraint);
            if (column) kept.push(column);
          }
          const after = rest.slice(close + 1);
          const as = after.findIndex((t) => t.type === 'word' && t.upper === 'AS');
          body = `(${kept.join(', ')})${as >= 0 ? ` AS ${queryAfterAs(tokens, after[as]!)}` : ''}`;
        } else if (w(next) === 'LIKE') {
          body = `(LIKE ${join(rest.slice(1, 2 + (rest[2]?.text === '.' ? 2 : 0)))})`;
        } else if (w(next) === 'CLONE') {
          body = `AS TABLE ${join(rest.slice(1))}`;
        } else {
          const as = rest.findIndex((t) => t.type === 'word' && t.upper === 'AS');
          if (as === -1) throw new SnowflakeError('001003', '42000', `SQL compilation error:\nsyntax error line 1 at position ${original.length} unexpected '<EOF>'.`);
          body = `AS ${queryAfterAs(tokens, rest[as]!)}`;
        }
        out.push(plain(`CREATE ${temp ? 'TEMPORARY ' : ''}TABLE ${target.sql} ${rewrite(tokenize(body), ctx)}`));
        const comment = rest.findIndex((t, i) => t.type === 'word' && t.upper === 'COMMENT' && rest[i + 1]?.text === '=' && rest[i + 2]?.type === 'str' && i > matchParen(rest, 0));
        if (comment >= 0) out.push(plain(`COMMENT ON TABLE ${target.sql} IS ${rest[comment + 2]!.text}`));
        out.push(...bookkeepingDelete('constraints'), ...bookkeepingDelete('tables'));
        out.push(plain(`INSERT INTO sf_emulator.tables VALUES ('${esc(target.schema)}', '${esc(target.name)}', ${modifiers.includes('TRANSIENT')})`));
        for (const c of constraints) out.push(plain(`INSERT INTO sf_emulator.constraints VALUES ('${esc(target.schema)}', '${esc(target.name)}', '${esc(c)}')`));
        return out;
      }
      throw unsupported(`CREATE ${objectKind}`);
    }
    if (first === 'ALTER' && w(1) === 'TABLE') {
      let k = 2;
      if (w(k) === 'IF' && w(k + 1) === 'EXISTS') k += 2;
      const { parts, next } = Executor.readName(sig, k);
      const target = this.qualified(session, parts);
      const action = w(next);
      const rest = sig.slice(next);
      if (action === 'ADD' && ['PRIMARY', 'UNIQUE', 'FOREIGN', 'CONSTRAINT'].includes(w(next + 1))) {
        return [plain(`INSERT INTO sf_emulator.constraints VALUES ('${esc(target.schema)}', '${esc(target.name)}', '${esc(join(rest.slice(1)))}')`)];
      }
      if (action === 'DROP' && (w(next + 1) === 'PRIMARY' || w(next + 1) === 'CONSTRAINT' || w(next + 1) === 'UNIQUE' || w(next + 1) === 'FOREIGN')) {
        const like = w(next + 1) === 'PRIMARY' ? 'primary%' : w(next + 1) === 'CONSTRAINT' ? `constraint ${esc(join(rest.slice(2, 3)))}%` : `${w(next + 1).toLowerCase()}%`;
        return [plain(`DELETE FROM sf_emulator.constraints WHERE schema_name = '${esc(target.schema)}' AND table_name = '${esc(target.name)}' AND lower(definition) LIKE lower('${like}')`)];
      }
      if (['CLUSTER', 'SET', 'UNSET', 'SUSPEND', 'RESUME', 'DROP_CLUSTERING_KEY'].includes(action) || (action === 'DROP' && w(next + 1) === 'CLUSTERING')) return [];
      if (action === 'SWAP') throw unsupported('ALTER TABLE … SWAP WITH');
      if (action === 'RENAME' && w(next + 1) === 'TO') {
        const to = Executor.readName(sig, next + 2).parts;
        return [
          plain(`ALTER TABLE ${target.sql} RENAME TO ${pgIdent(to[to.length - 1]!)}`),
          plain(`UPDATE sf_emulator.constraints SET table_name = '${esc(swapCase(to[to.length - 1]!))}' WHERE schema_name = '${esc(target.schema)}' AND table_name = '${esc(target.name)}'`),
          plain(`UPDATE sf_emulator.tables SET table_name = '${esc(swapCase(to[to.length - 1]!))}' WHERE schema_name = '${esc(target.schema)}' AND table_name = '${esc(target.name)}'`),
        ];
      }
      // ADD [COLUMN], DROP [COLUMN], RENAME COLUMN, ALTER|MODIFY [COLUMN] … [SET DATA] TYPE: PostgreSQL syntax, once
      // column comments are dropped and MODIFY is spelled ALTER.
      const text = join(rest)
        .replace(/^MODIFY\b/i, 'ALTER')
        .replace(/\bCOMMENT\s+'(?:[^']|'')*'/gi, '');
      if (/^ALTER\s+(COLUMN\s+)?\S+\s+COMMENT\b/i.test(text) || /^ALTER\s+(COLUMN\s+)?\S+\s*$/i.test(text)) return [];
      // Snowflake lists several columns after one ADD/DROP/ALTER (ADD COLUMN a INT, b INT); PostgreSQL repeats the verb.
      const verb = /^(ADD|DROP)(\s+COLUMN)?(\s+IF\s+(NOT\s+)?EXISTS)?\s+/i.exec(text);
      if (verb && !/^(ADD|DROP)\s+(CONSTRAINT|PRIMARY|UNIQUE|FOREIGN|CHECK)\b/i.test(text)) {
        const action = `${verb[1]!.toUpperCase()} COLUMN${verb[3] ?? ''}`;
        const items = splitItems(significant(tokenize(text.slice(verb[0].length))));
        const columns = items.map((item) => (verb[1]!.toUpperCase() === 'ADD' ? stripConstraints(item).column ?? join(item) : join(item)));
        return [plain(`ALTER TABLE ${target.sql} ${columns.map((c) => `${action} ${rewrite(tokenize(c), ctx)}`).join(', ')}`)];
      }
      return [plain(`ALTER TABLE ${target.sql} ${rewrite(tokenize(text), ctx)}`)];
    }
    if (first === 'DROP' && (w(1) === 'TABLE' || w(1) === 'VIEW')) {
      let k = 2;
      if (w(k) === 'IF' && w(k + 1) === 'EXISTS') k += 2;
      const target = this.qualified(session, Executor.readName(sig, k).parts);
      const table = w(1) === 'VIEW' ? 'views' : 'constraints';
      return [
        tr(render(tokens)),
        plain(`DELETE FROM sf_emulator.${table} WHERE schema_name = '${esc(target.schema)}' AND ${table === 'views' ? 'view_name' : 'table_name'} = '${esc(target.name)}'`),
      ];
    }
    if (first === 'DROP' && w(1) === 'SCHEMA') return [tr(`${render(tokens)}${/\b(CASCADE|RESTRICT)\s*$/i.test(original) ? '' : ' CASCADE'}`)];
    if (first === 'COMMENT') return [tr(render(tokens).replace(/^COMMENT\s+IF\s+EXISTS\s+ON/i, 'COMMENT ON'))];
    return [tr(render(tokens))];
  }

  /** GET_DDL('TABLE' | 'VIEW' | 'SCHEMA', name): Snowflake's layout, rebuilt from the catalog. */
  private async getDdl(session: EmuSession, kind: string, name: string): Promise<string> {
    const parts = significant(tokenize(name)).filter((t) => t.text !== '.').map(identName);
    const target = this.qualified(session, parts);
    const notFound = (): SnowflakeError => new SnowflakeError('002003', '02000', `SQL compilation error:\n${kind === 'VIEW' ? 'View' : 'Table'} '${parts.join('.')}' does not exist or not authorized.`);
    if (kind === 'VIEW') {
      const r = await this.db.query<{ ddl: string | null; def: string | null }>(
        `SELECT v.ddl, pg_get_viewdef(c.oid) AS def FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           LEFT JOIN sf_emulator.views v ON v.schema_name = n.nspname AND v.view_name = c.relname
          WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind = 'v'`, [target.schema, target.name]);
      const row = r.rows[0];
      if (!row) throw notFound();
      return `${(row.ddl ?? `create or replace view ${sfIdent(swapCase(target.name))} as ${row.def}`).replace(/;\s*$/, '')};`;
    }
    if (kind === 'TABLE') {
      const cols = await this.db.query<{ name: string; type: string; notnull: boolean; def: string | null; comment: string | null }>(
        `SELECT a.attname AS name, sf_emulator.full_type(format_type(a.atttypid, a.atttypmod)) AS type, a.attnotnull AS notnull,
                pg_get_expr(d.adbin, d.adrelid) AS def, col_description(c.oid, a.attnum) AS comment
           FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
           LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
          WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`, [target.schema, target.name]);
      if (cols.rows.length === 0) throw notFound();
      const meta = await this.db.query<{ transient: boolean | null; comment: string | null }>(
        `SELECT t.transient, obj_description(c.oid, 'pg_class') AS comment FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           LEFT JOIN sf_emulator.tables t ON t.schema_name = n.nspname AND t.table_name = c.relname WHERE n.nspname = $1 AND c.relname = $2`, [target.schema, target.name]);
      const constraints = await this.db.query<{ definition: string }>('SELECT definition FROM sf_emulator.constraints WHERE schema_name = $1 AND table_name = $2', [target.schema, target.name]);
      const lines = cols.rows.map((c) => `\t${sfIdent(swapCase(c.name))} ${c.type}${c.notnull ? ' NOT NULL' : ''}${c.def ? ` DEFAULT ${sfDefault(c.def)}` : ''}${c.comment ? ` COMMENT '${esc(c.comment)}'` : ''}`);
      for (const c of constraints.rows) lines.push(`\t${c.definition.replace(/^(PRIMARY KEY|UNIQUE|FOREIGN KEY)/i, (m) => m.toLowerCase())}`);
      const transient = meta.rows[0]?.transient ? 'TRANSIENT ' : '';
      const comment = meta.rows[0]?.comment ? ` COMMENT='${esc(meta.rows[0].comment)}'` : '';
      return `create or replace ${transient}TABLE ${sfIdent(swapCase(target.name))} (\n${lines.join(',\n')}\n)${comment};`;
    }
    if (kind === 'SCHEMA') {
      const name = parts[parts.length - 1]!;
      if (!(await this.schemaExists(name))) throw notFound();
      return `create or replace schema ${sfIdent(name)};`;
    }
    throw unsupported(`GET_DDL('${kind}', …)`);
  }
}

/** The text of the query after the AS token, from the original token list (keeps comments out). */
function queryAfterAs(tokens: readonly Token[], as: Token): string {
  const i = tokens.indexOf(as);
  return render(tokens.slice(i + 1).filter((t) => t.type !== 'comment')).trim();
}

/** Splits the items of a column list at top-level commas. */
function splitItems(tokens: readonly Token[]): Token[][] {
  const items: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.text === '(') depth++;
    if (t.text === ')') depth--;
    if (t.text === ',' && depth === 0) items.push([]);
    else items[items.length - 1]!.push(t);
  }
  return items.filter((i) => i.length > 0);
}

/**
 * Snowflake declares PRIMARY KEY, UNIQUE and FOREIGN KEY but enforces only NOT NULL. The emulator
 * removes them from the PostgreSQL table (so it does not enforce them either) and returns them for
 * GET_DDL. Column COMMENT, COLLATE, AUTOINCREMENT options are dropped too.
 */
function stripConstraints(item: readonly Token[]): { column?: string; constraint?: string } {
  const head = item[0]?.type === 'word' ? item[0].upper : '';
  if (['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'FOREIGN'].includes(head)) {
    let k = 0;
    if (head === 'CONSTRAINT') k = 2;
    return { constraint: join(item.slice(k)).trim().replace(/\b(KEY|UNIQUE|REFERENCES\s+[^\s(]+)\(/gi, '$1 (') };
  }
  const out: Token[] = [];
  let constraint: string | undefined;
  let identity: string | undefined;
  const columnName = item[0] ? identName(item[0]) : '';
  for (let k = 0; k < item.length; k++) {
    const t = item[k]!;
    const u = t.type === 'word' ? t.upper : '';
    const next = (): Token | undefined => item.slice(k + 1).find((x) => x.type !== 'ws' && x.type !== 'comment');
    if (u === 'CONSTRAINT') {
      const name = item.slice(k + 1).findIndex((x) => x.type === 'word' || x.type === 'qid');
      k += name + 1;
      continue;
    }
    if (u === 'PRIMARY' && next()?.upper === 'KEY') {
      constraint = `PRIMARY KEY (${sfIdent(columnName)})`;
      k = item.indexOf(next()!);
      continue;
    }
    if (u === 'UNIQUE') {
      constraint = `UNIQUE (${sfIdent(columnName)})`;
      continue;
    }
    if (u === 'AUTOINCREMENT' || u === 'IDENTITY') {
      // NUMBER AUTOINCREMENT [(start, step) | START s INCREMENT i] [ORDER|NOORDER] → an identity column.
      let start = '1';
      let step = '1';
      let j = k + 1;
      const at = (x: number): Token | undefined => item[x];
      if (at(j)?.text === '(') {
        const close = item.findIndex((x, i) => i > j && x.text === ')');
        const values: string[] = [];
        let negative = false;
        for (const x of item.slice(j + 1, close)) {
          if (x.text === '-') negative = true;
          else if (x.type === 'num') {
            values.push(`${negative ? '-' : ''}${x.text}`);
            negative = false;
          }
        }
        start = values[0] ?? start;
        step = values[1] ?? step;
        j = close + 1;
      }
      for (;;) {
        const w = at(j)?.type === 'word' ? at(j)!.upper : '';
        if (w === 'START' || w === 'INCREMENT') {
          j++;
          if (at(j)?.type === 'word' && ['WITH', 'BY'].includes(at(j)!.upper)) j++;
          if (at(j)?.text === '=') j++;
          const neg = at(j)?.text === '-';
          if (neg) j++;
          const value = `${neg ? '-' : ''}${at(j)?.text ?? '1'}`;
          if (w === 'START') start = value;
          else step = value;
          j++;
        } else if (w === 'ORDER' || w === 'NOORDER') j++;
        else break;
      }
      identity = `GENERATED BY DEFAULT AS IDENTITY (START WITH ${start} INCREMENT BY ${step})`;
      k = j - 1;
      continue;
    }
    if (u === 'REFERENCES') {
      // REFERENCES t [(c)]
      let j = k + 1;
      while (j < item.length && item[j]!.text !== '(' && !(item[j]!.type === 'word' && ['NOT', 'NULL', 'DEFAULT', 'COMMENT'].includes(item[j]!.upper))) j++;
      if (item[j]?.text === '(') {
        let depth = 0;
        for (; j < item.length; j++) {
          if (item[j]!.text === '(') depth++;
          if (item[j]!.text === ')' && --depth === 0) break;
        }
        j++;
      }
      k = j - 1;
      continue;
    }
    if ((u === 'COMMENT' || u === 'COLLATE') && next()?.type === 'str') {
      k = item.indexOf(next()!);
      continue;
    }
    if (u === 'ENFORCED' || u === 'RELY' || u === 'NORELY' || u === 'VALIDATE' || u === 'NOVALIDATE') {
      if (out[out.length - 2]?.upper === 'NOT') out.splice(out.length - 2, 2);
      continue;
    }
    out.push(t);
  }
  let column = join(out).trim();
  // PostgreSQL identity columns must be integers: the type written (NUMBER) becomes BIGINT.
  if (identity) column = `${join(out.slice(0, 1))} int8 ${identity} ${join(out.slice(out[2]?.text === '(' ? out.findIndex((x) => x.text === ')') + 1 : 2))}`.trim();
  // Snowflake: a PRIMARY KEY column is NOT NULL (and that part is enforced).
  if (constraint?.startsWith('PRIMARY') && !/\bNOT\s+NULL\b/i.test(column)) column += ' NOT NULL';
  return { column, ...(constraint ? { constraint } : {}) };
}

function sfDefault(def: string): string {
  if (/^now\(\)$|^CURRENT_TIMESTAMP$/i.test(def)) return 'CURRENT_TIMESTAMP()';
  return def.replace(/::[a-z ]+(\([0-9,]+\))?/gi, '');
}

function esc(s: string): string {
  return s.replace(/'/g, "''");
}

function column(name: string, type: string, scale: number): RowType {
  return { name, type, nullable: true, scale, precision: type === 'fixed' ? 38 : 0, length: type === 'text' ? 16777216 : null, byteLength: type === 'text' ? 16777216 : null, database: '', schema: '', table: '' };
}

function status(message: string): QueryData {
  return { rowtype: [column('status', 'text', 0)], rowset: [[message]], total: 1, returned: 1, statementTypeId: TYPE_DDL };
}

function single(name: string, value: string): QueryData {
  return { rowtype: [column(name, 'text', 0)], rowset: [[value]], total: 1, returned: 1, statementTypeId: TYPE_SELECT };
}

function unsupported(what: string): SnowflakeError {
  return new SnowflakeError('002040', '0A000', `SQL compilation error:\n${what} is not supported by bb's Snowflake emulator.`);
}

const PG_TO_SF: Record<number, string> = {
  16: 'boolean', 17: 'binary', 20: 'fixed', 21: 'fixed', 23: 'fixed', 26: 'fixed', 1700: 'fixed', 700: 'real', 701: 'real',
  1082: 'date', 1083: 'time', 1114: 'timestamp_ntz', 1184: 'timestamp_ltz', 114: 'variant', 3802: 'variant',
};

/** PGlite rows (raw text cells) → Snowflake's JSON rowset: every cell a string or null. */
function toRowset(result: Results<unknown[]>): QueryData {
  const fields = result.fields;
  const rows = result.rows;
  const rowtype = fields.map((f, i) => {
    const type = PG_TO_SF[f.dataTypeID] ?? 'text';
    let scale = type === 'timestamp_ntz' || type === 'timestamp_ltz' || type === 'time' ? 9 : 0;
    if (f.dataTypeID === 1700) {
      for (const r of rows) {
        const v = r[i];
        if (typeof v === 'string' && v.includes('.')) scale = Math.max(scale, v.length - v.indexOf('.') - 1);
      }
    }
    return { ...column(swapCase(f.name), type, scale), nullable: true };
  });
  const rowset = rows.map((r) => r.map((v, i) => cell(v, fields[i]!.dataTypeID)));
  return { rowtype, rowset, total: rowset.length, returned: rowset.length, statementTypeId: TYPE_SELECT };
}

function cell(v: unknown, type: number): string | null {
  if (v === null || v === undefined) return null;
  const s = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  switch (type) {
    case 16: return s === 't' || s === 'true' ? '1' : '0';
    case 17: return s.startsWith('\\x') ? s.slice(2) : s;
    case 1082: return String(Math.round(Date.parse(`${s}T00:00:00Z`) / 86_400_000));
    case 1083: {
      const [h, m, sec] = s.split(':');
      return (Number(h) * 3600 + Number(m) * 60 + Number(sec)).toFixed(9);
    }
    case 1114: return epoch(`${s.replace(' ', 'T')}Z`, s);
    case 1184: return epoch(s.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'), s);
    default: return s;
  }
}

/** "2024-01-02 03:04:05.123456" → "1704164645.123456000": Snowflake's seconds.nanoseconds. */
function epoch(iso: string, raw: string): string {
  const ms = Date.parse(iso.replace(/(\.\d{3})\d+/, '$1'));
  const seconds = Math.floor(ms / 1000);
  const frac = /\.(\d+)/.exec(raw)?.[1] ?? '';
  return `${seconds}.${frac.padEnd(9, '0').slice(0, 9)}`;
}

/**
 * Where Snowflake would say `word` is in the statement it was sent, as it words it: `line N at
 * position P` (N 1-based, P the 0-based column): the word's first occurrence, case-insensitive, in the
 * Snowflake text (PostgreSQL's position is in the translated text). Line 1 position 0 when not found.
 */
function placeOf(text: string | undefined, word: string | undefined): string {
  const escaped = word?.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const at = text && escaped ? new RegExp(`(?<![\\w$])${escaped}(?![\\w$])`, 'i').exec(text)?.index : undefined;
  if (at === undefined) return 'line 1 at position 0';
  const before = text!.slice(0, at).split('\n');
  return `line ${before.length} at position ${before[before.length - 1]!.length}`;
}

/** PostgreSQL errors → Snowflake error codes, SQL states and message shapes; `text` is the statement as sent. */
export function toSnowflakeError(error: unknown, text?: string): SnowflakeError {
  if (error instanceof SnowflakeError) return error;
  const e = error as { code?: string; message?: string };
  const msg = e.message ?? String(error);
  const quoted = /"([^"]+)"/.exec(msg)?.[1];
  const name = quoted ? swapCase(quoted) : '?';
  switch (e.code) {
    case '42P01': return new SnowflakeError('002003', '42S02', `SQL compilation error:\nObject '${name}' does not exist or not authorized.`);
    case '3F000': return new SnowflakeError('002003', '02000', `SQL compilation error:\nSchema '${name}' does not exist or not authorized.`);
    case '42703': return new SnowflakeError('000904', '42000', `SQL compilation error: error ${placeOf(text, quoted)}\ninvalid identifier '${name}'`);
    case '42601': return new SnowflakeError('001003', '42000', `SQL compilation error:\nsyntax error ${placeOf(text, quoted)} unexpected '${quoted ?? '?'}'.`);
    case '42P07': return new SnowflakeError('002002', '42710', `SQL compilation error:\nObject '${name}' already exists.`);
    case '42P06': return new SnowflakeError('002002', '42710', `SQL compilation error:\nObject '${name}' already exists.`);
    case '42701': return new SnowflakeError('001430', '42601', `SQL compilation error:\ncolumn '${name}' already exists`);
    case '42883': return new SnowflakeError('002140', '42601', `SQL compilation error:\nUnknown function ${quoted ?? msg}`);
    case '23502': return new SnowflakeError('100072', '22000', `NULL result in a non-nullable column`);
    case '22P02': return new SnowflakeError('100038', '22018', `Numeric value '${/: "(.*)"$/.exec(msg)?.[1] ?? '?'}' is not recognized`);
    case '22012': return new SnowflakeError('100051', '22012', 'Division by zero');
    case '2BP01': return new SnowflakeError('002003', '2BP01', `SQL compilation error:\n${msg}`);
    default: return new SnowflakeError('100132', e.code ?? 'XX000', msg);
  }
}
