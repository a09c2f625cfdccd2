import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'schema.backward-compatibility',
    engines: ['postgres', 'snowflake', 'mysql', 'tidb'],
    kinds: ['drop-table', 'alter-table', 'other'],
    category: 'schema',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Flag changes that break the application version still running: drops, renames, type changes, DROP NOT NULL',
    rationale: 'During a deploy the old application version keeps running against the new schema. Dropping or renaming a table or column it uses, changing a column\'s type or letting it become NULL breaks it. Make such changes in two steps: stop using the object, deploy, then drop it. (This covers Squawk\'s ban-drop-column, ban-drop-table, ban-drop-database, ban-drop-not-null, renaming-column and renaming-table.)',
    payload: {},
    messages: {
      dropTable: 'Dropping table {{name}} breaks code that still uses it',
      dropColumn: 'Dropping column {{table}}.{{column}} breaks code that still reads or writes it',
      dropObject: 'Dropping {{object}} {{name}} breaks code that still uses it',
      renameTable: 'Renaming table {{table}} to {{to}} breaks code that uses the old name',
      renameColumn: 'Renaming column {{table}}.{{from}} to {{to}} breaks code that uses the old name',
      changeType: 'Changing the type of {{table}}.{{column}} may break code that reads or writes it',
      dropNotNull: 'Dropping NOT NULL on {{table}}.{{column}} lets NULLs reach code that does not expect them',
    },
    examples: { bad: 'ALTER TABLE users DROP COLUMN email;', good: 'ALTER TABLE users ADD COLUMN email_verified boolean;' },
  },
  *check(stmt, ctx) {
    const f = stmt.facts;
    for (const t of f.dropTable?.tables ?? []) if (!ctx.createdInFile(qualified(t))) yield { messageId: 'dropTable', data: { name: qualified(t) }, ...(t.at !== undefined ? { at: t.at } : {}) };
    if (f.drop && ['schema', 'database', 'view', 'matview', 'type', 'function'].includes(f.drop.object)) {
      for (const n of f.drop.names) yield { messageId: 'dropObject', data: { object: f.drop.object === 'matview' ? 'materialized view' : f.drop.object, name: qualified(n) } };
    }
    if (f.renameTable && !f.alterTable && !ctx.createdInFile(qualified(f.renameTable.from))) yield { messageId: 'renameTable', data: { table: qualified(f.renameTable.from), to: qualified(f.renameTable.to) }, ...(f.renameTable.from.at !== undefined ? { at: f.renameTable.from.at } : {}) };
    const at = f.alterTable;
    if (!at || ctx.createdInFile(qualified(at.table))) return;
    const table = qualified(at.table);
    for (const a of at.actions) {
      const pos = a.at !== undefined ? { at: a.at } : {};
      switch (a.type) {
        case 'drop-column': yield { messageId: 'dropColumn', data: { table, column: a.column }, at: Math.max(0, stmt.text.toLowerCase().indexOf(a.column.toLowerCase(), stmt.text.search(/\bdrop\b/i))) }; break;
        case 'rename-table': yield { messageId: 'renameTable', data: { table, to: a.to }, ...pos }; break;
        case 'rename-column': yield { messageId: 'renameColumn', data: { table, from: a.from, to: a.to }, ...pos }; break;
        case 'alter-column-type': yield { messageId: 'changeType', data: { table, column: a.column }, ...pos }; break;
        case 'drop-not-null': yield { messageId: 'dropNotNull', data: { table, column: a.column }, ...pos }; break;
        case 'change-column': case 'modify-column': {
          // MySQL restates the whole column: compare with what the earlier migrations defined.
          const from = a.type === 'change-column' ? a.from : a.column.name;
          if (a.type === 'change-column' && from.toLowerCase() !== a.column.name.toLowerCase()) yield { messageId: 'renameColumn', data: { table, from, to: a.column.name }, ...pos };
          const old = ctx.schema.table(at.table)?.columns.get(from.toLowerCase());
          if (!old) break;
          const norm = (t: string): string => t.toLowerCase().replace(/\s+/g, ' ').replace(/^integer\b/, 'int').trim();
          if (norm(old.typeText) !== norm(a.column.typeText)) yield { messageId: 'changeType', data: { table, column: from }, ...pos };
          if (old.notNull && !a.column.notNull) yield { messageId: 'dropNotNull', data: { table, column: from }, ...pos };
          break;
        }
        default: break;
      }
    }
  },
});
