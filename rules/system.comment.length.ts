import { defineRule } from '../src/lint/types.js';

export default defineRule({
  meta: {
    id: 'system.comment.length',
    engines: ['postgres'],
    kinds: ['other'],
    category: 'system',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Limit the length of COMMENT ON texts',
    payload: { number: { type: 'number', default: 64, min: 0, integer: true, description: 'Maximum comment length in characters' } },
    messages: { long: 'The comment on {{object}} {{name}} is {{length}} characters long; the limit is {{max}}' },
    examples: {
      bad: "COMMENT ON FUNCTION app.f() IS 'Computes the balance of an account from the ledger entries of the current period';",
      good: "COMMENT ON FUNCTION app.f() IS 'Account balance';",
    },
  },
  *check(stmt, ctx) {
    const c = stmt.facts.comment;
    if (c?.text && c.text.length > ctx.payload.number) yield { messageId: 'long', data: { object: c.object, name: c.name, length: c.text.length, max: ctx.payload.number } };
  },
});
