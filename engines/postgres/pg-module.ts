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
 * pg.Client options for a postgres:// URL, its database name percent-decoded whole. pg reads the
 * URL's database with decodeURI, which leaves the escapes of reserved characters as they are: a
 * database "a;b" or "a#b" (whose URL bb writes with encodeURIComponent, as libpq's pg_dump and
 * pg_restore read it) would be looked for as "a%3Bb". Every other key is pg's own reading of the URL;
 * the database is replaced only where both readings agree on which part of the URL it is.
 */
export function clientConfig(url: string): ClientConfig {
  const config = parse(url) as unknown as ClientConfig & { database?: string | null };
  try {
    const u = new URL(url);
    const path = u.pathname.slice(1);
    if (/^postgres(ql)?:$/.test(u.protocol) && path !== '' && config.database === decodeURI(path)) config.database = decodeURIComponent(path);
  } catch {
    /* a URL only pg-connection-string reads (an empty host): its reading stands */
  }
  return config as ClientConfig;
}
