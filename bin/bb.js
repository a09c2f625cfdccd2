#!/usr/bin/env node
import module from 'node:module';
module.enableCompileCache?.();
// dist/bundle is the build's last step (scripts/bundle.mjs): fewer module files to load at start-up,
// and CommonJS, which Node loads without the ES module loader's per-file steps.
const require = module.createRequire(import.meta.url);
let main;
try {
  main = require.resolve('../dist/bundle/main.cjs');
} catch {
  process.stderr.write('error: bb is not built (dist/bundle/main.cjs is missing).\nhint: Run `npm run build` in the bb checkout (npm install does not build it).\n');
  process.exit(2);
}
require(main);
