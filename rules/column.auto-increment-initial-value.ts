import { defineRule } from '../src/lint/types.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'column.auto-increment-initial-value',
    engines: ['mysql', 'tidb'],
    kinds: ['create-table', 'alter-table'],
    category: 'column',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Require a given initial AUTO_INCREMENT value in table options',
    rationale: 'A table option AUTO_INCREMENT=n copied from a dump of another database starts the ids at an arbitrary value; new tables should start where the team expects.',
    payload: { number: { type: 'number', default: 1, min: 0, integer: true, description: 'The required initial value of AUTO_INCREMENT table options' } },
    messages: { value: 'Table {{table}} sets AUTO_INCREMENT = {{value}}; the initial value must be {{expected}}' },
    examples: { bad: 'CREATE TABLE t (id int unsigned AUTO_INCREMENT PRIMARY KEY) AUTO_INCREMENT = 1000;', good: 'CREATE TABLE t (id int unsigned AUTO_INCREMENT PRIMARY KEY) AUTO_INCREMENT = 1;' },
  },
  *check(stmt, ctx) {
    const expected = ctx.payload.number;
    const ct = stmt.facts.createTable;
    const value = ct?.options?.AUTO_INCREMENT;
    if (ct && value !== undefined && Number(value) !== expected) yield { messageId: 'value', data: { table: qualified(ct.table), value, expected }, ...(ct.table.at !== undefined ? { at: ct.table.at } : {}) };
    const at = stmt.facts.alterTable;
    for (const a of at?.actions ?? []) {
      if (a.type === 'set-option' && a.option === 'AUTO_INCREMENT' && a.value !== undefined && Number(a.value) !== expected) {
        yield { messageId: 'value', data: { table: qualified(at!.table), value: a.value, expected }, ...(at!.table.at !== undefined ? { at: at!.table.at } : {}) };
      }
    }
  },
});
