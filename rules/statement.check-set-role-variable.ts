import { defineRule } from '../src/lint/types.js';

export default defineRule({
  meta: {
    id: 'statement.check-set-role-variable',
    engines: ['postgres'],
    kinds: [],
    category: 'statement',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Start each migration with SET ROLE, so objects get the intended owner',
    rationale: 'Objects belong to the role that creates them. When migrations run as a superuser or a personal account, a SET ROLE at the top makes the owner the application role on every environment.',
    payload: {},
    messages: { missing: 'The migration does not start with SET ROLE' },
    examples: { bad: 'CREATE TABLE app.users (id bigint PRIMARY KEY);', good: 'SET ROLE app_owner;\nCREATE TABLE app.users (id bigint PRIMARY KEY);' },
  },
  *checkFile(file) {
    const first = file.statements[0];
    if (!first) return;
    if (first.kind === 'set' && first.facts.set?.name === 'role') return;
    yield { messageId: 'missing', statement: first.index };
  },
});
