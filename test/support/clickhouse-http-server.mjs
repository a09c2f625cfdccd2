// A small server speaking the ClickHouse HTTP interface, backed by chdb, for testing bb's HTTP
// transport (@clickhouse/client) without a ClickHouse server. Run by test/support/clickhouse-http.ts
// in a child process: chdb binds one data folder per process, so the server cannot share the test
// process with an embedded chdb:// target. Plain JavaScript because it runs outside vitest.
//
// Supported: GET /ping, GET and POST / with the query in the URL (`query=`) and/or the body (inserts
// send `INSERT … FORMAT X` in the URL and the rows in the body; a binary `FORMAT Native` body is
// spooled to a file and read with file()), `database`, `default_format`,
// `param_<name>` query parameters, any other URL parameter as a setting, `session_id` (SET and USE
// persist within a session), HTTP basic auth or X-ClickHouse-User/Key, errors as ClickHouse sends them
// (status 500/404/401, body `Code: N. DB::Exception: …`, X-ClickHouse-Exception-Code). A request with
// readonly=1 runs on a connection of its own. Results are sent whole, not streamed.
//
// Usage: node clickhouse-http-server.mjs <dataDir> [user] [password]   → prints "LISTENING <port>"
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Session } from 'chdb';

const [dir, user = 'default', password = ''] = process.argv.slice(2);
if (!dir) {
  process.stderr.write('usage: clickhouse-http-server.mjs <dataDir> [user] [password]\n');
  process.exit(2);
}

const OWN = new Set(['query', 'database', 'default_format', 'session_id', 'session_timeout', 'session_check', 'query_id', 'user', 'password',
  'wait_end_of_query', 'enable_http_compression', 'http_headers_progress_interval_ms', 'send_progress_in_http_headers', 'role', 'compress', 'decompress']);
/**
 * Connections: one per session_id (SET and USE persist in it, as in ClickHouse), and a pool for
 * requests without a session. chdb runs connections on one data folder in parallel. URL settings are
 * applied with SET and remembered, so a connection only re-runs the ones that change.
 */
const sessions = new Map();
const pool = [];
const busy = new Set();

function connection(sessionId) {
  if (sessionId) {
    let c = sessions.get(sessionId);
    if (!c) {
      c = { conn: new Session(dir), applied: new Map(), chain: Promise.resolve() };
      sessions.set(sessionId, c);
    }
    return c;
  }
  const idle = pool.find((c) => !busy.has(c));
  if (idle) return idle;
  const c = { conn: new Session(dir), applied: new Map(), chain: Promise.resolve() };
  pool.push(c);
  return c;
}

function tsvUnescape(v) {
  if (v === '\\N') return null;
  return v.replace(/\\(.)/g, (_m, c) => ({ n: '\n', t: '\t', r: '\r', 0: '\0', b: '\b', f: '\f' })[c] ?? c);
}

function sqlLiteral(v) {
  return /^-?\d+(\.\d+)?$/.test(v) ? v : `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function errorCode(message) {
  const m = /Code: (\d+)/.exec(message);
  return m ? Number(m[1]) : 1000;
}

function statusFor(code) {
  if (code === 516 || code === 192 || code === 194) return 401;
  if (code === 60 || code === 81) return 404;
  if (code === 62) return 400;
  return 500;
}

async function handle(req, res, body) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && (url.pathname === '/ping' || (url.pathname === '/' && !url.searchParams.has('query')))) {
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=UTF-8' });
    res.end('Ok.\n');
    return;
  }
  // Authentication: basic auth, X-ClickHouse-User/Key, or user/password URL parameters.
  let u = url.searchParams.get('user') ?? req.headers['x-clickhouse-user'];
  let p = url.searchParams.get('password') ?? req.headers['x-clickhouse-key'];
  const auth = req.headers.authorization;
  if (auth?.startsWith('Basic ')) {
    const decoded = Buffer.from(auth.slice(6), 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    u = decoded.slice(0, i);
    p = decoded.slice(i + 1);
  }
  if ((u ?? 'default') !== user || (p ?? '') !== password) {
    const message = `Code: 516. DB::Exception: ${u ?? 'default'}: Authentication failed: password is incorrect, or there is no user with such name. (AUTHENTICATION_FAILED) (version test)\n`;
    res.writeHead(401, { 'Content-Type': 'text/plain; charset=UTF-8', 'X-ClickHouse-Exception-Code': '516' });
    res.end(message);
    return;
  }
  const inUrl = url.searchParams.get('query');
  const text = body.toString('utf8');
  let sql = inUrl ? (text ? `${inUrl}\n${text}` : inUrl) : text;
  // An INSERT … FORMAT Native body is binary: spooled to a file that chdb reads with file(), not
  // appended to the statement as text.
  let spool;
  if (inUrl && body.length > 0 && /\bFORMAT\s+Native\s*$/i.test(inUrl)) {
    spool = join(mkdtempSync(join(tmpdir(), 'bb-chhttp-native-')), 'rows.native');
    writeFileSync(spool, body);
    sql = inUrl.replace(/\s*FORMAT\s+Native\s*$/i, ` SELECT * FROM file('${spool.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}', 'Native')`);
  }
  const params = {};
  const settings = [];
  for (const [k, v] of url.searchParams) {
    if (k.startsWith('param_')) params[k.slice(6)] = tsvUnescape(v);
    else if (!OWN.has(k)) settings.push([k, v]);
  }
  const sessionId = url.searchParams.get('session_id');
  const database = url.searchParams.get('database');
  const format = url.searchParams.get('default_format') ?? 'TabSeparated';
  const queryId = url.searchParams.get('query_id') ?? crypto.randomUUID();
  // readonly = 1 cannot be set back on a connection (as on a ClickHouse server, it forbids changing
  // settings): such a request gets a connection of its own, closed after it, with readonly applied last.
  const readonly = settings.some(([k, v]) => k === 'readonly' && v !== '0');
  if (readonly) settings.sort(([a], [b]) => (a === 'readonly' ? 1 : 0) - (b === 'readonly' ? 1 : 0));
  const c = readonly ? { conn: new Session(dir), applied: new Map(), chain: Promise.resolve(), once: true } : connection(sessionId);
  busy.add(c);
  const run = async () => {
    const { conn, applied } = c;
    // A session keeps its USE; a pooled connection is pointed at the request's database each time.
    const db = database ?? (sessionId ? undefined : 'default');
    if (db && applied.get('$database') !== db) {
      await conn.queryAsync(`USE \`${db.replace(/`/g, '\\`')}\``);
      applied.set('$database', db);
    }
    for (const [k, v] of settings) {
      if (applied.get(k) === v) continue;
      await conn.queryAsync(`SET ${k} = ${sqlLiteral(v)}`);
      applied.set(k, v);
    }
    const result = Object.keys(params).length > 0 ? await conn.queryBindAsync(sql, params, { format }) : await conn.queryAsync(sql, { format });
    if (/^\s*USE\b/i.test(sql)) applied.delete('$database');
    return result;
  };
  const done = c.chain.then(run, run);
  c.chain = done.catch(() => undefined);
  try {
    const result = await done;
    const summary = { read_rows: String(result.rowsRead ?? 0), read_bytes: String(result.bytesRead ?? 0), written_rows: '0', written_bytes: '0', total_rows_to_read: '0', result_rows: '0', result_bytes: '0', elapsed_ns: '0' };
    res.writeHead(200, {
      'Content-Type': 'text/plain; charset=UTF-8',
      'X-ClickHouse-Query-Id': queryId,
      'X-ClickHouse-Format': format,
      'X-ClickHouse-Summary': JSON.stringify(summary),
    });
    res.end(Buffer.from(result.bytes()));
  } catch (error) {
    const message = String(error?.message ?? error);
    const code = errorCode(message);
    res.writeHead(statusFor(code), { 'Content-Type': 'text/plain; charset=UTF-8', 'X-ClickHouse-Exception-Code': String(code), 'X-ClickHouse-Query-Id': queryId });
    res.end(`${message.trim()}\n`);
  } finally {
    busy.delete(c);
    if (c.once) c.conn.close();
    if (spool) rmSync(dirname(spool), { recursive: true, force: true });
  }
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    handle(req, res, Buffer.concat(chunks)).catch((error) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`Code: 1001. DB::Exception: test server: ${String(error?.message ?? error)}\n`);
    });
  });
});
server.keepAliveTimeout = 2000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`LISTENING ${server.address().port}\n`);
});
const stop = () => {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref(); // a query still running in chdb must not keep it alive
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
// A test process that dies without stopping the server must not leave it running: exit when orphaned.
const parent = process.ppid;
setInterval(() => {
  try {
    process.kill(parent, 0);
  } catch {
    process.exit(0);
  }
  if (process.ppid !== parent) process.exit(0);
}, 1000).unref();
