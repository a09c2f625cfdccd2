/**
 * A ClickHouse HTTP interface backed by chdb, for testing the engine's HTTP transport
 * (@clickhouse/client) without a server: `const ch = await startClickHouseHttp()` gives a
 * `clickhouse://` URL; `await ch.stop()` ends it and removes its data. The server runs in a child
 * process (clickhouse-http-server.mjs), because chdb binds one data folder per process and the test
 * process may hold another one through a chdb:// target.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ClickHouseHttp {
  readonly port: number;
  /** clickhouse://user:password@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  /** Runs one statement through the server (e.g. CREATE DATABASE); returns the body. */
  query(sql: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startClickHouseHttp(options: { user?: string; password?: string; dir?: string } = {}): Promise<ClickHouseHttp> {
  const user = options.user ?? 'default';
  const password = options.password ?? '';
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'bb-chhttp-'));
  const child: ChildProcess = spawn(process.execPath, [join(import.meta.dirname, 'clickhouse-http-server.mjs'), dir, user, password], {
    cwd: join(import.meta.dirname, '../..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`clickhouse-http-server did not start: ${stderr}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LISTENING (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`clickhouse-http-server exited with ${code}: ${stderr}`));
    });
  });
  const auth = `${encodeURIComponent(user)}${password ? `:${encodeURIComponent(password)}` : ''}@`;
  return {
    port,
    url: (database = 'default') => `clickhouse://${auth}127.0.0.1:${port}/${database}`,
    async query(sql) {
      const res = await fetch(`http://127.0.0.1:${port}/`, {
        method: 'POST',
        body: sql,
        headers: { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
      });
      const text = await res.text();
      if (!res.ok) throw new Error(text);
      return text;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
