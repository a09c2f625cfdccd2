#!/usr/bin/env node
// Regenerates rules/index.ts from the rule files in rules/ (file name = rule id), sorted.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'rules');
const ids = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts')
  .map((f) => f.slice(0, -3))
  .sort();
const path = join(dir, 'index.ts');
const head = readFileSync(path, 'utf8').split('export const RULES')[0];
const body = `export const RULES: Readonly<Record<string, Loader>> = {\n${ids.map((id) => `  '${id}': () => import('./${id}.js'),`).join('\n')}\n};\n`;
writeFileSync(path, head + body);
console.log(`rules/index.ts: ${ids.length} rules`);
