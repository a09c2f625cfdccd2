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
