import { defineRule } from '../src/lint/types.js';

export default defineRule({
  meta: {
    id: 'database.drop-empty-database',
    engines: ['mysql', 'tidb'],
    kinds: ['other'],
    category: 'database',
    defaultLevel: 'error',
    recommended: true,
    usesSchema: true,
    description: 'Only drop a database that has no tables',
    rationale: 'DROP DATABASE removes every table in it at once, with no undo. bb knows the tables the earlier migrations (and the statements before this one) created; a database that still has some must be emptied table by table first, so each drop is a decision.',
    payload: {},
    messages: { notEmpty: 'Database {{database}} still has {{count}} table(s) ({{tables}}); drop or move them first' },
    examples: {
      bad: 'CREATE TABLE shop.orders (id bigint PRIMARY KEY);\nDROP DATABASE shop;',
      good: 'CREATE TABLE shop.orders (id bigint PRIMARY KEY);\nDROP TABLE shop.orders;\nDROP DATABASE shop;',
    },
    whenOff: 'bb sees only the tables the migrations create; tables made outside them are not counted.',
  },
  *check(stmt, ctx) {
    const d = stmt.facts.drop;
    if (!d || (d.object !== 'database' && d.object !== 'schema')) return;
    for (const db of d.names) {
      const name = db.name.toLowerCase();
      const tables: string[] = [];
      for (const list of ctx.schema.tables.values()) for (const t of list) if (t.schema?.toLowerCase() === name) tables.push(t.name);
      if (tables.length === 0) continue;
      const shown = tables.slice(0, 3).join(', ') + (tables.length > 3 ? ', …' : '');
      yield { messageId: 'notEmpty', data: { database: db.name, count: tables.length, tables: shown }, at: Math.max(0, stmt.text.lastIndexOf(db.name)) };
    }
  },
});
