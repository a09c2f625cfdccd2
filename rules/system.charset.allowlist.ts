import { defineRule } from '../src/lint/types.js';
import { mysqlCharsetMentions } from './_util/mysql-types.js';
import { pgNode } from './_util/pg.js';

export default defineRule({
  meta: {
    id: 'system.charset.allowlist',
    engines: ['postgres', 'mysql', 'tidb'],
    kinds: ['other', 'create-table', 'alter-table', 'set'],
    category: 'system',
    defaultLevel: 'error',
    recommended: false,
    description: 'Allow only listed character sets (PostgreSQL: CREATE DATABASE … ENCODING; MySQL: CHARACTER SET / CHARSET of databases, tables and columns, SET NAMES)',
    payload: { list: { type: 'list', default: [], description: 'Allowed encodings, e.g. [UTF8]; empty: any' } },
    messages: { charset: 'Character set {{charset}} is not allowed; allowed: {{allowed}}' },
    examples: { bad: "CREATE DATABASE reports ENCODING 'LATIN1';", good: "CREATE DATABASE reports ENCODING 'UTF8';" },
    examplePayload: { list: ['UTF8'] },
  },
  *check(stmt, ctx) {
    const allowed = ctx.payload.list.map((c) => c.toLowerCase().replace(/[-_]/g, ''));
    if (allowed.length === 0) return;
    if (ctx.engine === 'mysql' || ctx.engine === 'tidb') {
      const ok = new Set(ctx.payload.list.map((c) => c.toLowerCase()));
      for (const m of mysqlCharsetMentions(stmt.text, 'charset')) if (!ok.has(m.name.toLowerCase())) yield { messageId: 'charset', data: { charset: m.name, allowed: ctx.payload.list.join(', ') }, at: m.at };
      return;
    }
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
