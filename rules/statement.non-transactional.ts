import { defineRule } from '../src/lint/types.js';

export default defineRule({
  meta: {
    id: 'statement.non-transactional',
    engines: ['postgres'],
    kinds: ['*'],
    category: 'statement',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Report statements that cannot run inside a transaction',
    rationale: 'CREATE INDEX CONCURRENTLY, VACUUM, ALTER TYPE … ADD VALUE and the like run outside a transaction: if the migration fails after them, they stay applied. bb runs such files statement by statement and records progress; this rule makes the reviewer see it.',
    payload: {},
    messages: { nonTx: '{{what}} cannot run inside a transaction: the migration is not atomic' },
    examples: { bad: 'CREATE INDEX CONCURRENTLY users_email_idx ON users (email);', good: 'CREATE INDEX users_email_idx ON users (email);' },
  },
  *check(stmt, ctx) {
    void ctx;
    const what = nonTransactional(stmt.text);
    if (what) yield { messageId: 'nonTx', data: { what }, help: 'Put it in its own migration file with -- bb:transaction off.' };
  },
});

const PATTERNS: readonly [RegExp, string][] = [
  [/^CREATE\s+(UNIQUE\s+)?INDEX\s+CONCURRENTLY\b/i, 'CREATE INDEX CONCURRENTLY'],
  [/^DROP\s+INDEX\s+CONCURRENTLY\b/i, 'DROP INDEX CONCURRENTLY'],
  [/^REINDEX\b[\s\S]*\bCONCURRENTLY\b/i, 'REINDEX CONCURRENTLY'],
  [/^ALTER\s+TABLE\b[\s\S]*\bDETACH\s+PARTITION\b[\s\S]*\bCONCURRENTLY\b/i, 'DETACH PARTITION CONCURRENTLY'],
  [/^VACUUM\b/i, 'VACUUM'],
  [/^(CREATE|DROP)\s+DATABASE\b/i, 'CREATE/DROP DATABASE'],
  [/^(CREATE|DROP)\s+TABLESPACE\b/i, 'CREATE/DROP TABLESPACE'],
  [/^ALTER\s+SYSTEM\b/i, 'ALTER SYSTEM'],
  [/^ALTER\s+TYPE\b[\s\S]*\bADD\s+VALUE\b/i, 'ALTER TYPE … ADD VALUE'],
];

function nonTransactional(text: string): string | undefined {
  const t = text.replace(/^(\s+|--[^\n]*\n?|\/\*[\s\S]*?\*\/)+/, '');
  return PATTERNS.find(([re]) => re.test(t))?.[1];
}
