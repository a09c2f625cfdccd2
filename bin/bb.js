#!/usr/bin/env node
import module from 'node:module';
module.enableCompileCache?.();
// dist/bundle is the build's last step (scripts/bundle.mjs): fewer module files to load at start-up
await import('../dist/bundle/main.js');
