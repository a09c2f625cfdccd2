#!/usr/bin/env node
import module from 'node:module';
module.enableCompileCache?.();
// dist/bundle is the build's last step (scripts/bundle.mjs): fewer module files to load at start-up,
// and CommonJS, which Node loads without the ES module loader's per-file steps.
module.createRequire(import.meta.url)('../dist/bundle/main.cjs');
