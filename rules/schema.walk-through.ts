import { defineRule } from '../src/lint/types.js';
import type { ObjectName } from '../src/lint/facts.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'schema.walk-through',
    engines: ['postgres', 'mysql', 'tidb'],
    kinds: ['create-table', 'alter-table', 'drop-table', 'create-index', 'insert', 'update', 'delete'],
    category: 'schema',
    defaultLevel: 'warning',
    recommended: true,
    usesSchema: true,
    description: 'Replay the earlier migrations into a schema model and check references against it',
    rationale: 'bb replays the migrations that come before the linted file (and the earlier statements of the file) into a model of tables, columns and indexes. A statement that names a table or column that does not exist, or creates one that already exists, fails when it runs. The check runs only when the earlier migrations are known (bb lint inside a configured project, or the tester\'s `before`), and reports missing objects only while the model has no gaps (no DO blocks or CALLs, which can create objects bb cannot see).',
    payload: {},
    messages: {
      noTable: 'Table {{table}} does not exist (not created by an earlier migration)',
      noColumn: 'Column {{column}} does not exist in {{table}}',
      tableExists: 'Table {{table}} already exists (created in {{where}})',
      columnExists: 'Column {{column}} already exists in {{table}}',
      indexExists: 'Index {{index}} already exists',
    },
    examples: {
      bad: 'CREATE TABLE users (id bigint PRIMARY KEY);\nALTER TABLE users ADD COLUMN email text;\nALTER TABLE users ADD COLUMN email text;',
      good: 'CREATE TABLE users (id bigint PRIMARY KEY);\nALTER TABLE users ADD COLUMN email text;',
    },
  },
  *check(stmt, ctx) {
    const f = stmt.facts;
    const schema = ctx.schema;
    // Missing objects are reported only when the model covers everything before this statement.
    const complete = ctx.file.schemaKnown && !schema.opaque; // the running model includes this file's earlier statements
    const missing = (t: ObjectName): boolean => complete && !schema.hasTable(t) && !t.name.startsWith('pg_') && t.schema !== 'pg_catalog' && t.schema !== 'information_schema';
    const at = (n: { at?: number }): { at?: number } => (n.at !== undefined ? { at: n.at } : {});

    if (f.createTable && !f.createTable.ifNotExists) {
      const existing = schema.table(f.createTable.table);
      if (existing && !existing.view && (existing.schema ?? '') === (f.createTable.table.schema ?? existing.schema ?? '')) {
        yield { messageId: 'tableExists', data: { table: qualified(f.createTable.table), where: existing.createdBy ?? 'an earlier statement' }, ...at(f.createTable.table) };
      }
    }
    if (f.dropTable && !f.dropTable.ifExists) for (const t of f.dropTable.tables) if (missing(t)) yield { messageId: 'noTable', data: { table: qualified(t) }, ...at(t) };
    if (f.dml?.table && missing(f.dml.table)) yield { messageId: 'noTable', data: { table: qualified(f.dml.table) }, ...at(f.dml.table) };
    if (f.createIndex) {
      const ix = f.createIndex;
      if (missing(ix.table)) yield { messageId: 'noTable', data: { table: qualified(ix.table) }, ...at(ix.table) };
      // MySQL index names are per table; PostgreSQL's share the schema's namespace.
      const mysql = ctx.engine === 'mysql' || ctx.engine === 'tidb';
      if (ix.name && !ix.ifNotExists && (mysql ? !!schema.table(ix.table)?.indexes.has(ix.name.toLowerCase()) : schema.indexNames.has(ix.name.toLowerCase()))) yield { messageId: 'indexExists', data: { index: ix.name } };
      const t = schema.table(ix.table);
      if (complete && t?.columnsKnown) {
        for (const c of ix.columns) if (!c.startsWith('(') && !t.columns.has(c.toLowerCase())) yield { messageId: 'noColumn', data: { column: c, table: qualified(ix.table) } };
      }
    }
    const alter = f.alterTable;
    if (alter && !alter.ifExists) {
      if (missing(alter.table)) {
        yield { messageId: 'noTable', data: { table: qualified(alter.table) }, ...at(alter.table) };
        return;
      }
      const t = schema.table(alter.table);
      if (!t || !t.columnsKnown) return;
      const table = qualified(alter.table);
      const added = new Set<string>();
      for (const a of alter.actions) {
        let column: string | undefined;
        switch (a.type) {
          case 'add-column':
            if (!a.ifNotExists && (t.columns.has(a.column.name.toLowerCase()) || added.has(a.column.name.toLowerCase()))) yield { messageId: 'columnExists', data: { column: a.column.name, table }, ...at(a) };
            added.add(a.column.name.toLowerCase());
            break;
          case 'drop-column': column = a.column; break;
          case 'alter-column-type': case 'set-not-null': case 'drop-not-null': case 'set-default': case 'drop-default': column = a.column; break;
          case 'rename-column': column = a.from; break;
          case 'modify-column': column = a.column.name; break;
          case 'change-column': {
            column = a.from;
            const to = a.column.name.toLowerCase();
            if (to !== a.from.toLowerCase() && (t.columns.has(to) || added.has(to))) yield { messageId: 'columnExists', data: { column: a.column.name, table }, ...at(a) };
            added.add(to);
            break;
          }
          default: break;
        }
        if (complete && column !== undefined && !t.columns.has(column.toLowerCase()) && !added.has(column.toLowerCase()) && !/\bif\s+exists\b/i.test(stmt.text)) {
          yield { messageId: 'noColumn', data: { column, table }, ...at(a) };
        }
      }
    }
  },
});
