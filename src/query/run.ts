/**
 * bb query, as a function of data: refuse (config, parser), open the target read-only, trace and
 * mask, stream rows to `write`, and append the audit record whatever happened. The command
 * (src/cli/commands/query.ts) only reads the SQL and hands stdout over as `write`.
 */
import type { Config } from '../config/model.js';
import { findEnvironment, resolveTargetsDiscovering, selectDatabases } from '../config/targets.js';
import { connectTarget, loadEngine, type Session, type Target } from '../engine.js';
import { BbError, causeMessage } from '../errors.js';
import { openAudit, whoAmI, type AuditRecord } from './audit.js';
import { withheld } from './errors.js';
import { formatter, type QueryFormat } from './format.js';
import { effectiveRules, mentionsMasked, planMasks, readsMasked, touchesMasked, unmaskAllowed } from './mask.js';

export interface QueryInput {
  readonly config: Config;
  readonly env?: string | undefined;
  readonly db?: string | undefined;
  /** Member of a group target (tenant database); required when the group has several. */
  readonly member?: string | undefined;
  readonly sql: string;
  readonly format: QueryFormat;
  /** Rows to return at most; 0 = all. */
  readonly limit: number;
  readonly timeoutMs: number;
  readonly unmask: boolean;
  /**
   * Receives the output in order; awaited (backpressure). Bytes (UTF-8) when the engine made the
   * CSV itself (each chunk ends at a row's end), text otherwise.
   */
  readonly write: (text: string | Uint8Array) => Promise<void>;
  readonly signal?: AbortSignal;
  /** Rows per server round trip (default 1,000). */
  readonly batchSize?: number;
  /** --format csv: take the engine's own CSV when it offers it (default true; false for tests comparing the two). */
  readonly engineCsv?: boolean;
}

export interface QuerySummary {
  readonly target: string;
  readonly rows: number;
  readonly durationMs: number;
  readonly masked: readonly string[];
  /** The limit stopped the query before its last row. */
  readonly truncated: boolean;
}

export async function runQuery(input: QueryInput): Promise<QuerySummary> {
  const started = performance.now();
  const { config } = input;
  const env = findEnvironment(config, input.env);
  const dbs = selectDatabases(config, input.db);
  if (dbs.length !== 1) {
    throw new BbError('usage', `Which database? The config defines ${dbs.map((d) => d.name).join(', ')}.`, { hint: `Pass --db ${dbs[0]?.name ?? '<name>'}.`, code: 'usage.db-required' });
  }
  const db = dbs[0]!;
  const [dt] = await resolveTargetsDiscovering(config, env, [db], input.signal ? { signal: input.signal } : {});
  if (!dt) throw new BbError('config', `Environment "${env.name}" has no target for database "${db.name}".`, { hint: `Add one under environments → ${env.name} → targets.`, code: 'config.no-target' });
  const target = pickMember(dt.members, dt.config.kind === 'group', input.member, `${env.name}/${db.name}`);
  const audit = await openAudit(config, env.name, input.signal);
  const who = whoAmI();
  const record = (outcome: AuditRecord['outcome'], extra: { rows?: number; masked?: readonly string[]; error?: string }): AuditRecord => ({
    at: new Date().toISOString(), user: who.user, host: who.host, ...(who.ci ? { ci: who.ci } : {}),
    environment: env.name, database: db.name, target: target.ref.id, url: target.ref.url,
    statement: input.sql, outcome, rows: extra.rows ?? 0, durationMs: Math.round(performance.now() - started),
    masked: extra.masked ?? [], unmasked: input.unmask, ...(extra.error ? { error: extra.error } : {}),
  });
  let audited = false;
  const refuse = async (message: string, hint: string, code: string): Promise<never> => {
    audited = true;
    await audit.write(record('refused', { error: message }));
    throw new BbError('usage', message, { hint, code });
  };
  let session: Session | undefined;
  // Masking rules in force, and whether the query reads a masked column: 'unknown' until the engine
  // has said what it reads. A failure's server message is withheld unless it reads none (withheld()).
  let rulesInForce = 0;
  let readsMaskedColumn: 'yes' | 'no' | 'unknown' = 'unknown';
  let rows = 0;
  let masked: readonly string[] = [];
  try {
    if (!env.query) await refuse(`Environment "${env.name}" does not allow queries (query: false in the config).`, 'Query another environment, or ask the owners of this one.', 'query.disabled');
    if (input.unmask && !unmaskAllowed(env, who.user)) {
      await refuse(`--unmask is not granted to ${who.user} on environment "${env.name}".`, `The config grants it with unmask: true or unmask: [${who.user}] on the environment; run without --unmask to see masked values.`, 'query.unmask-denied');
    }
    const engine = await loadEngine(db.engine);
    const tasks = await engine.dataTasks?.();
    if (!tasks) await refuse(`bb query is not available for the ${engine.name} engine.`, 'Use the database\'s own client for this engine.', 'query.unsupported');
    const check = await tasks!.checkRead(input.sql);
    if (!check.ok && check.syntax) await refuse(`Refused: the query ${check.reason}.`, `Fix the SQL: bb reads the query with the ${engine.name} parser before anything is sent.`, 'query.syntax');
    if (!check.ok && check.several) await refuse(`Refused: the query ${check.reason}.`, 'Run each statement with its own bb query.', 'query.refused');
    if (!check.ok && check.hint) await refuse(`Refused: the query ${check.reason}.`, check.hint, 'query.refused');
    if (!check.ok) await refuse(`Refused: the query ${check.reason}. bb query only reads.`, 'Run a SELECT; change data through a migration (bb new).', 'query.refused');
    if (!check.ok) throw new Error('unreachable');
    // existing: a query never creates an embedded database that does not exist yet; its error says so.
    session = await connectTarget(engine, target, { ...(input.signal ? { signal: input.signal } : {}), existing: true });
    if (!session.readQuery) await refuse(`bb query is not available for ${target.ref.id} (${session.serverVersion}).`, 'Use the database\'s own client for this transport.', 'query.unsupported');
    const rules = input.unmask ? [] : effectiveRules(db, env);
    const s = session;
    // The parse tree's references, and (in case the server reads the text otherwise) its words.
    const touched = mentionsMasked(input.sql, rules) || await touchesMasked(check, rules, {
      relationColumns: (t) => tasks!.tableColumns(s, { ...(t.schema ? { schema: t.schema } : {}), name: t.table }).catch(() => []),
      ...(tasks!.relationSources ? { relationSources: (t) => tasks!.relationSources!(s, { ...(t.schema ? { schema: t.schema } : {}), name: t.table }).catch(() => []) } : {}),
    });
    rulesInForce = rules.length;
    if (touched) readsMaskedColumn = 'yes';
    const result = await session.readQuery!(check.text ?? input.sql, { timeoutMs: input.timeoutMs, batchSize: input.batchSize ?? 1000, ...(input.signal ? { signal: input.signal } : {}) });
    const reads = touched || readsMasked(result.reads, rules);
    readsMaskedColumn = reads ? 'yes' : 'no';
    const plan = planMasks(result.columns, rules, reads);
    masked = plan.masked;
    const maskers = plan.maskers;
    const anyMask = maskers.some((m) => m);
    // A masked column's text (***, a hash of digits) is never read as a number or boolean.
    const out = formatter(input.format, result.columns.map((c) => c.name), result.columns.map((c, i) => (maskers[i] ? undefined : c.json)));
    let truncated = false;
    try {
      // CSV made (and masked) by the server and passed through: the same text as the formatter's
      // (docs/query.md), without decoding a row in JavaScript.
      const served = input.format === 'csv' && input.engineCsv !== false && result.csv
        ? await result.csv({ limit: input.limit, masks: plan.rules, write: input.write })
        : undefined;
      if (served) {
        rows = served.rows;
        truncated = input.limit > 0 && rows >= input.limit;
      } else await input.write(out.header());
      for await (const batch of served ? [] : result.batches()) {
        let slice = batch;
        if (input.limit > 0 && rows + batch.length > input.limit) {
          slice = batch.slice(0, input.limit - rows);
          truncated = true;
        }
        const shown = anyMask ? slice.map((row) => row.map((v, i) => (maskers[i] ? maskers[i]!(v) : v))) : slice;
        rows += shown.length;
        const text = out.rows(shown);
        if (text) await input.write(text);
        if (input.limit > 0 && rows >= input.limit) {
          truncated = true;
          break;
        }
      }
    } finally {
      await result.close();
    }
    const note = truncated ? `(limited to ${input.limit}; --limit 0 shows all)` : undefined;
    await input.write(out.footer(rows, note));
    await audit.write(record('ok', { rows, masked }));
    return { target: target.ref.id, rows, durationMs: performance.now() - started, masked, truncated };
  } catch (thrown) {
    const error = thrown instanceof BbError && thrown.code === 'query.failed' && rulesInForce > 0 && readsMaskedColumn !== 'no' ? withheld(thrown) : thrown;
    if (!audited) {
      const outcome = error instanceof BbError && error.code === 'query.refused' ? 'refused' : 'failed';
      await audit.write(record(outcome, { rows, masked, error: causeMessage(error) })).catch(() => undefined);
    }
    throw error;
  } finally {
    await session?.close().catch(() => undefined);
    await audit.close().catch(() => undefined);
  }
}

function pickMember(members: readonly Target[], group: boolean, member: string | undefined, id: string): Target {
  if (member !== undefined && !group) {
    throw new BbError('usage', `--member picks a member of a group, and ${id} is a single database, not a group.`, { hint: 'Leave --member out (or pick another database with --db).', code: 'usage.no-group' });
  }
  if (member !== undefined) {
    const found = members.find((m) => m.ref.member === member);
    if (!found) throw new BbError('usage', `${id} has no member "${member}".`, { hint: `Members: ${members.map((m) => m.ref.member).join(', ')}.`, code: 'usage.unknown-member' });
    return found;
  }
  if (members.length !== 1) {
    throw new BbError('usage', `${id} is a group of ${members.length} databases; bb query reads one.`, { hint: `Pass --member ${members[0]?.ref.member ?? '<name>'}.`, code: 'usage.member-required' });
  }
  return members[0]!;
}
