import { readFile } from 'node:fs/promises';
import type { CommandContext, CommandOutput, GlobalOptions } from '../context.js';
import { BbError } from '../../errors.js';
import type { QueryFormat } from '../../query/format.js';
import { seconds } from '../flags.js';

export interface QueryOptions extends Omit<GlobalOptions, 'format'> {
  readonly format: QueryFormat | 'pretty';
  readonly db?: string;
  readonly member?: string;
  readonly file?: string;
  readonly limit?: string;
  readonly timeout?: string;
  readonly unmask?: boolean;
  readonly args?: readonly unknown[];
  /** For tests: where rows go (default stdout). */
  readonly write?: (text: string | Uint8Array) => Promise<void>;
}

/** bb query: one read-only statement from the argument, -f file or stdin; rows stream to stdout. */
export default async function query(options: QueryOptions, context: CommandContext): Promise<CommandOutput> {
  const sql = await readSql(options, context);
  const format: QueryFormat = options.format === 'pretty' ? 'table' : options.format;
  const limit = options.limit === undefined ? (format === 'table' ? 1000 : 0) : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 0) throw new BbError('usage', `--limit must be a whole number (0 = no limit), got "${options.limit}".`, { hint: 'For example --limit 100.', code: 'usage.limit' });
  // There is always a deadline: 0 would cancel every query at once.
  const timeoutMs = seconds(options.timeout ?? '30', '--timeout', { aboveZero: true, hint: 'For example --timeout 30; raise it for long exports.', code: 'usage.timeout' }) * 1000;
  const { openConfig } = await import('../../config/load.js');
  const { runQuery } = await import('../../query/run.js');
  const { stdoutWriter } = await import('../../output/pretty/query.js');
  const summary = await runQuery({
    config: await openConfig(options, context.cwd),
    env: options.env, db: options.db, member: options.member, sql, format, limit, timeoutMs,
    unmask: options.unmask === true, write: options.write ?? stdoutWriter(), signal: context.signal,
  });
  return { kind: 'streamed', data: summary, exitCode: 0 };
}

async function readSql(options: QueryOptions, context: CommandContext): Promise<string> {
  const arg = options.args?.[0];
  if (typeof arg === 'string' && options.file) throw new BbError('usage', 'Give the SQL either as an argument or with --file, not both.', { hint: 'bb query --env dev "SELECT 1"', code: 'usage.sql' });
  if (typeof arg === 'string') return arg;
  if (options.file) {
    try {
      return await readFile(options.file === '-' ? '/dev/stdin' : options.file, 'utf8');
    } catch (error) {
      throw new BbError('usage', `Cannot read ${options.file}: ${(error as Error).message}.`, { hint: 'Check the --file path.', code: 'usage.sql' });
    }
  }
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    if (text.trim() !== '') return text;
  }
  void context;
  throw new BbError('usage', 'No SQL given.', { hint: 'bb query --env dev --db app "SELECT …", or -f query.sql, or pipe it on stdin.', code: 'usage.sql' });
}
