#!/usr/bin/env node
/**
 * After tsc: bundles dist/src/cli/main.js into dist/bundle/ (CommonJS, one chunk per lazily imported
 * module), which is what bin/bb.js runs. Start-up is bb's fixed cost on every command (a pre-commit
 * `bb lint`, `bb migrate` in a deploy job): resolving, opening and compiling some 250 small module
 * files costs more than bb's own work on a small input, and one file per lazy boundary removes most of
 * it. CommonJS rather than ESM because Node loads a CommonJS chunk synchronously, without the ES
 * module loader's asynchronous resolve, link and evaluate steps per file: with the same chunks,
 * `bb lint small.sql` takes 17-21 ms less, `bb status` and `bb backup` 7-17 ms and `bb --help` ~5 ms
 * (medians of two series of 30 alternating runs).
 * bb's sources stay ES modules; the bundle is the only CommonJS. So they must not use top-level
 * await or import.meta.resolve (import.meta.url is fine: rolldown rewrites it from __filename), and
 * packages outside the bundle are loaded with import() (ESM-only ones included) or createRequire.
 * Only small pure-JS packages that almost every command loads are bundled; the large or native
 * ones (parsers, other engines' drivers, PGlite's WASM) stay external and load from node_modules
 * when a command needs them, as before.
 */
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist/bundle');
/** Imported by bb's own code and bundled, with what they import in turn. */
const BUNDLED = new Set(['pg', 'pg-connection-string', 'js-yaml', 'commander', 'chalk']);
/** Optional requires inside bundled packages that are not installed. */
const NEVER = new Set(['pg-native', 'pg-cloudflare']);

const packageOf = (id) => (id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : id.split('/')[0]);
const isBare = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0') && !/^[a-z]+:/i.test(id);

/**
 * rolldown keeps a dynamic import() of an external as import() in CommonJS, which is right for
 * packages (some are ESM-only) but not for Node's built-in modules: the first import() starts Node's
 * ES module loader, ~5 ms on the command that reaches it (bb backup's node:crypto after the dump, bb
 * lint's node:fs/promises). Every built-in is also a CommonJS module, and bb's sources only destructure
 * their named exports, so the chunks require() them.
 */
const builtinsByRequire = {
  name: 'builtins-by-require',
  renderChunk: (code) => code.replace(/\bimport\((["'])(node:[\w/]+)\1\)/g, (_, q, id) => `Promise.resolve().then(() => require(${q}${id}${q}))`),
};

rmSync(OUT, { recursive: true, force: true });
await build({
  input: { main: join(ROOT, 'dist/src/cli/main.js') },
  platform: 'node',
  external: (id, importer) => {
    if (!isBare(id)) return /^node:/.test(id);
    if (NEVER.has(packageOf(id))) return true;
    // a bundled package's own dependencies come with it; bb's other imports stay external
    if (importer && importer.includes('/node_modules/')) return false;
    return !BUNDLED.has(packageOf(id));
  },
  output: { dir: OUT, format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs' },
  plugins: [builtinsByRequire],
  logLevel: 'warn',
  // In CommonJS, rolldown replaces an import.meta it cannot rewrite (import.meta.resolve) with {}: a
  // build that would break at run time fails here instead.
  onLog(level, log, handler) {
    if (log.code === 'EMPTY_IMPORT_META') handler('error', log);
    else handler(level, log);
  },
});
