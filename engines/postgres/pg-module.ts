import type { ClientConfig } from 'pg';
import { parse } from 'pg-connection-string';

/**
 * Importing pg cheaply. pg decides at load time whether it runs in a Cloudflare Worker: without a
 * global navigator (Node 20) it constructs a fetch Response, which loads Node's bundled undici (tens of
 * milliseconds of start-up). A navigator present only while pg loads answers the question for it;
 * Node 21+ has one anyway. Every place in this engine that loads pg goes through here.
 */
export async function importPg(): Promise<typeof import('pg')> {
  const g = globalThis as { navigator?: unknown };
  if (g.navigator !== undefined) return import('pg');
  Object.defineProperty(g, 'navigator', { value: { userAgent: `Node.js/${process.versions.node}` }, configurable: true, writable: true });
  try {
    return await import('pg');
  } finally {
    delete g.navigator;
  }
}

/**
 * pg.Client options for a postgres:// URL, its database name, user name and password percent-decoded
 * whole. pg reads the URL's database with decodeURI, which leaves the escapes of reserved characters
 * as they are: a database "a;b" or "a#b" (whose URL bb writes with encodeURIComponent, as libpq's
 * pg_dump and pg_restore read it) would be looked for as "a%3Bb". A URL with a space in it pg first
 * re-encodes with encodeURI, which turns every other escape into a literal one: the password
 * `a b%2Fc` reached the server as "a b%2Fc", not "a b/c". Every other key is pg's own reading of the
 * URL; the database, user and password are replaced only where both readings agree on the host (and
 * the query names no user= or password= of its own, which pg prefers).
 */
export function clientConfig(url: string): ClientConfig {
  const config = parse(url) as unknown as ClientConfig & { database?: string | null };
  try {
    const u = new URL(url);
    if (!/^postgres(ql)?:$/.test(u.protocol)) return config as ClientConfig;
    const path = u.pathname.slice(1);
    if (path !== '' && config.database === decodeURI(path)) config.database = decodeURIComponent(path);
    if (config.host === decodeURIComponent(u.hostname).replace(/^\[(.+)\]$/, '$1')) {
      if (u.username !== '' && !u.searchParams.has('user')) config.user = decodeURIComponent(u.username);
      if (u.password !== '' && !u.searchParams.has('password')) config.password = decodeURIComponent(u.password);
    }
  } catch {
    /* a URL only pg-connection-string reads (an empty host): its reading stands */
  }
  return config as ClientConfig;
}
