import { defineRule } from '../src/lint/types.js';
import type { ObjectName } from '../src/lint/facts.js';

export default defineRule({
  meta: {
    id: 'naming.fully-qualified',
    engines: ['postgres'],
    kinds: ['*'],
    category: 'naming',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Qualify every table name with its schema',
    rationale: 'Unqualified names resolve through search_path, which can differ between the session that runs the migration and the application.',
    payload: {},
    messages: { unqualified: '{{name}} is not qualified with a schema' },
    examples: { bad: 'ALTER TABLE users ADD COLUMN note text;', good: 'ALTER TABLE app.users ADD COLUMN note text;' },
  },
  *check(stmt) {
    const f = stmt.facts;
    if (f.createTable?.temporary) return;
    const names: ObjectName[] = [...(f.tables ?? []), ...(f.dropIndex?.names ?? [])];
    if (f.create?.name && ['view', 'materialized view', 'sequence', 'function', 'procedure', 'type', 'domain'].includes(f.create.object)) names.push(f.create.name);
    const seen = new Set<string>();
    for (const n of names) {
      if (n.schema || !n.name || seen.has(n.name)) continue;
      seen.add(n.name);
      yield { messageId: 'unqualified', data: { name: n.name }, ...(n.at !== undefined ? { at: n.at } : {}) };
    }
  },
});
