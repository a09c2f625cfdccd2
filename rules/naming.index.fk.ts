import { defineRule } from '../src/lint/types.js';
import { declaredConstraints } from './_util/keys.js';
import { templateRegExp } from './_util/naming.js';

export default defineRule({
  meta: {
    id: 'naming.index.fk',
    engines: ['postgres', 'mysql', 'tidb'],
    kinds: ['create-table', 'alter-table'],
    category: 'naming',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Name foreign keys by a template, e.g. fk_<table>_<column>_<referenced table>_<referenced column>',
    payload: {
      format: { type: 'template', default: '^fk_{{referencing_table}}_{{referencing_column}}_{{referenced_table}}_{{referenced_column}}$', description: 'Regular expression with {{referencing_table}}, {{referencing_column}}, {{referenced_table}}, {{referenced_column}}' },
      maxLength: { type: 'number', default: 64, min: 0, integer: true, description: 'Maximum length of the name' },
    },
    messages: {
      format: 'Foreign key "{{name}}" does not match "{{expected}}"',
      length: 'Foreign key name "{{name}}" is {{length}} characters long; the limit is {{max}}',
    },
    examples: {
      bad: 'ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users (id);',
      good: 'ALTER TABLE orders ADD CONSTRAINT fk_orders_user_id_users_id FOREIGN KEY (user_id) REFERENCES users (id);',
    },
  },
  *check(stmt, ctx) {
    const table = stmt.facts.createTable?.table.name ?? stmt.facts.alterTable?.table.name;
    if (!table) return;
    for (const c of declaredConstraints(stmt.facts)) {
      if (c.type !== 'foreign-key' || !c.name || !c.references) continue;
      const expected = templateRegExp(ctx.payload.format, {
        referencing_table: table, referencing_column: c.columns.join('_'),
        referenced_table: c.references.table.name, referenced_column: c.references.columns.join('_'),
      });
      const at = Math.max(0, stmt.text.indexOf(c.name));
      if (!new RegExp(expected).test(c.name)) yield { messageId: 'format', data: { name: c.name, expected }, at };
      else if (ctx.payload.maxLength > 0 && c.name.length > ctx.payload.maxLength) yield { messageId: 'length', data: { name: c.name, length: c.name.length, max: ctx.payload.maxLength }, at };
    }
  },
});
