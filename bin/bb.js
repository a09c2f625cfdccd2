#!/usr/bin/env node
// CommonJS (bin/package.json says so): Node starts the ES module loader for an ESM entry, ~10 ms on
// every command. dist/bundle is the build's last step (scripts/bundle.mjs): few module files, CommonJS.
'use strict';
require('node:module').enableCompileCache?.(); // Node 22+: compiled code cached across runs
let main;
try {
  main = require.resolve('../dist/bundle/main.cjs');
} catch {
  process.stderr.write('error: bb is not built (dist/bundle/main.cjs is missing).\nhint: Run `npm run build` in the bb checkout (npm install does not build it).\n');
  process.exit(2);
}
require(main);
