import { defineRule } from '../src/lint/types.js';
import { pgNode } from './_util/pg.js';

export default defineRule({
  meta: {
    id: 'system.charset.allowlist',
    engines: ['postgres'],
    kinds: ['other'],
    category: 'system',
    defaultLevel: 'error',
    recommended: false,
    description: 'Allow only listed character sets (CREATE DATABASE … ENCODING)',
    payload: { list: { type: 'list', default: [], description: 'Allowed encodings, e.g. [UTF8]; empty: any' } },
    messages: { charset: 'Encoding {{charset}} is not allowed; allowed: {{allowed}}' },
    examples: { bad: "CREATE DATABASE reports ENCODING 'LATIN1';", good: "CREATE DATABASE reports ENCODING 'UTF8';" },
    examplePayload: { list: ['UTF8'] },
  },
  *check(stmt, ctx) {
    const allowed = ctx.payload.list.map((c) => c.toLowerCase().replace(/[-_]/g, ''));
    if (allowed.length === 0) return;
    const [type, n] = pgNode(stmt.ast);
    if (type !== 'CreatedbStmt' && type !== 'AlterDatabaseStmt') return;
    for (const o of n.options ?? []) {
      const d = o.DefElem;
      if (d?.defname !== 'encoding') continue;
      const value = String(d.arg?.String?.sval ?? d.arg?.Integer?.ival ?? d.arg?.A_Const?.sval?.sval ?? '');
      if (!allowed.includes(value.toLowerCase().replace(/[-_]/g, ''))) yield { messageId: 'charset', data: { charset: value, allowed: ctx.payload.list.join(', ') }, at: d.location ?? 0 };
    }
  },
});
