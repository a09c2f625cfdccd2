/**
 * bb query as the query suites drive it: runQuery on a project's config, ndjson kept in memory and
 * read back as rows, and the check that no real address of the fixtures comes back.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { AuditRecord } from '../../src/query/audit.js';
import { runQuery, type QueryInput } from '../../src/query/run.js';

/** The addresses the query fixtures store in users.email. */
export const EMAILS = ['ada@example.com', 'bob@example.org'];

/**
 * The query suites' bb.config.yaml: database `app` on `engine`, `*.email` masked in full and
 * `users.phone` but its last 4 characters, an audit file, and these environments (`query: false` on
 * those marked so).
 */
export function maskedQueryConfig(engine: string, environments: readonly { readonly name: string; readonly url: string; readonly query?: false }[]): string {
  return `databases:
  app:
    engine: ${engine}
    migrations: migrations
    masking:
      - { column: "*.email", method: full }
      - { column: users.phone, method: partial, keep: 4 }
audit: { file: audit.jsonl }
environments:
${environments.map((e) => `  - name: ${e.name}\n${e.query === false ? '    query: false\n' : ''}    targets: { app: "${e.url}" }\n`).join('')}`;
}

/** One statement through bb query (environment dev, database app, no limit): its rows and masked columns. */
export async function queryRows(configPath: string, sql: string, extra: Partial<QueryInput> = {}): Promise<{ rows: Record<string, unknown>[]; masked: readonly string[] }> {
  const config = await loadConfig({ configPath });
  let out = '';
  const summary = await runQuery({ config, env: 'dev', db: 'app', sql, format: 'ndjson', limit: 0, timeoutMs: 10_000, unmask: false, write: async (t) => void (out += t), ...extra });
  return { rows: out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>), masked: summary.masked };
}

/** No fixture address, in any letter case, anywhere in the rows. */
export function expectNoEmail(rows: readonly Record<string, unknown>[]): void {
  const text = JSON.stringify(rows);
  for (const e of EMAILS) expect(text).not.toContain(e);
  expect(text.toLowerCase()).not.toMatch(/@example/);
}

/** The records of a JSON-lines audit file, in order. */
export function auditLines(path: string): AuditRecord[] {
  return readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AuditRecord);
}
