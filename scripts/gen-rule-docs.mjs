#!/usr/bin/env node
// Writes docs/rules/<id>.md for every built-in rule from its metadata. Run after `npm run build`:
//   npm run build && node scripts/gen-rule-docs.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { loadBuiltinRules } = await import(join(root, 'dist/src/lint/registry.js'));
const { renderRuleDoc, BUILTIN_PAGES } = await import(join(root, 'dist/src/lint/docs.js'));
const dir = join(root, 'docs', 'rules');
mkdirSync(dir, { recursive: true });
const rules = await loadBuiltinRules();
for (const rule of rules) writeFileSync(join(dir, `${rule.meta.id}.md`), renderRuleDoc(rule));
for (const [id, text] of Object.entries(BUILTIN_PAGES)) writeFileSync(join(dir, `${id}.md`), text);
console.log(`docs/rules: ${rules.length} rule pages, ${Object.keys(BUILTIN_PAGES).length} built-in pages`);
