import { defineRule } from '../src/lint/types.js';

/** Function names called anywhere in node-sql-parser's tree (plain calls and aggregates). */
function calls(ast: unknown, out: { name: string }[] = []): { name: string }[] {
  if (Array.isArray(ast)) {
    for (const v of ast) calls(v, out);
    return out;
  }
  if (typeof ast !== 'object' || ast === null) return out;
  const n = ast as Record<string, unknown>;
  if (n.type === 'function' && typeof n.name === 'object' && n.name !== null && Array.isArray((n.name as { name?: unknown }).name)) {
    const parts = ((n.name as { name: unknown[] }).name).map((p) => (typeof p === 'object' && p !== null ? String((p as { value?: unknown }).value ?? '') : String(p)));
    out.push({ name: parts.join('.') });
  } else if (n.type === 'function' && typeof n.name === 'string') out.push({ name: n.name });
  else if (n.type === 'aggr_func' && typeof n.name === 'string') out.push({ name: n.name });
  for (const v of Object.values(n)) if (typeof v === 'object' && v !== null) calls(v, out);
  return out;
}

export default defineRule({
  meta: {
    id: 'system.function.disallowed-list',
    engines: ['mysql'],
    kinds: ['*'],
    category: 'system',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Forbid calls to listed functions (e.g. SLEEP, RAND, UUID)',
    rationale: 'Some functions make statements non-deterministic (unsafe for statement-based replication), slow (SLEEP, BENCHMARK) or environment-dependent; a team can ban them in migrations.',
    payload: { list: { type: 'list', default: [], description: 'Function names that must not be called, e.g. [SLEEP, RAND, UUID]; case-insensitive' } },
    messages: { call: 'Function {{name}}() is not allowed' },
    examples: { bad: 'UPDATE users SET token = UUID() WHERE token IS NULL;', good: "UPDATE users SET token = 'x' WHERE token IS NULL;" },
    examplePayload: { list: ['UUID'] },
  },
  *check(stmt, ctx) {
    const banned = new Set(ctx.payload.list.map((f) => f.toLowerCase()));
    if (banned.size === 0) return;
    // A call names its function: a statement that names none of them is not parsed into a tree (docs/lint.md).
    const text = stmt.text.toLowerCase();
    if (![...banned].some((f) => text.includes(f)) || stmt.ast === undefined) return;
    const seen = new Set<string>();
    for (const c of calls(stmt.ast)) {
      const k = c.name.toLowerCase();
      if (!banned.has(k) || seen.has(k)) continue;
      seen.add(k);
      const at = new RegExp(`(?<![\\w$])\`?${c.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\`?\\s*\\(`, 'i').exec(stmt.text)?.index;
      yield { messageId: 'call', data: { name: c.name.toUpperCase() }, ...(at !== undefined ? { at } : {}) };
    }
  },
});
