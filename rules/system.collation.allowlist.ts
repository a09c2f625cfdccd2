import { defineRule } from '../src/lint/types.js';
import { mysqlCharsetMentions } from './_util/mysql-types.js';
import { pgNames, pgNode } from './_util/pg.js';

export default defineRule({
  meta: {
    id: 'system.collation.allowlist',
    engines: ['postgres', 'mysql', 'tidb'],
    kinds: ['create-table', 'alter-table', 'create-index', 'other', 'set', 'select', 'insert', 'update', 'delete'],
    category: 'system',
    defaultLevel: 'error',
    recommended: false,
    description: 'Allow only listed collations (COLLATE clauses, CREATE DATABASE … LC_COLLATE; MySQL: COLLATE of databases, tables, columns and expressions)',
    payload: { list: { type: 'list', default: [], description: 'Allowed collations, e.g. [C, en_US.utf8]; empty: any' } },
    messages: { collation: 'Collation {{collation}} is not allowed; allowed: {{allowed}}' },
    examples: { bad: 'CREATE TABLE t (id bigint PRIMARY KEY, name text COLLATE "de_DE");', good: 'CREATE TABLE t (id bigint PRIMARY KEY, name text COLLATE "C");' },
    examplePayload: { list: ['C'] },
  },
  *check(stmt, ctx) {
    const allowed = ctx.payload.list.map((c) => c.toLowerCase());
    if (allowed.length === 0) return;
    if (ctx.engine === 'mysql' || ctx.engine === 'tidb') {
      for (const m of mysqlCharsetMentions(stmt.text, 'collation')) if (!allowed.includes(m.name.toLowerCase())) yield { messageId: 'collation', data: { collation: m.name, allowed: ctx.payload.list.join(', ') }, at: m.at };
      return;
    }
    const [type, n] = pgNode(stmt.ast);
    const found: { name: string; at: number }[] = [];
    // COLLATE appears as a CollateClause node in expressions and as a bare collClause on column definitions.
    const visit = (v: any): void => {
      if (!v || typeof v !== 'object') return;
      if (Array.isArray(v)) { v.forEach(visit); return; }
      if (Array.isArray(v.collname)) found.push({ name: pgNames(v.collname).join('.'), at: v.location ?? 0 });
      for (const k of Object.keys(v)) visit(v[k]);
    };
    visit(stmt.ast);
    if (type === 'CreatedbStmt') {
      for (const o of n.options ?? []) {
        const d = o.DefElem;
        if (['lc_collate', 'locale', 'icu_locale'].includes(d?.defname)) found.push({ name: String(d.arg?.String?.sval ?? ''), at: d.location ?? 0 });
      }
    }
    for (const f of found) if (!allowed.includes(f.name.toLowerCase())) yield { messageId: 'collation', data: { collation: f.name, allowed: ctx.payload.list.join(', ') }, at: f.at };
  },
});
