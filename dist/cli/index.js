#!/usr/bin/env node
// The podlint CLI (package.json's bin). Written by scripts/build.mjs: the code is in ../index.js,
// the one bundle the Action runs too.
import module from 'node:module';

// Node 22.1+ keeps the bundle's compiled code on disk (in the temp folder): later runs, and the
// worker threads of this one, skip compiling it again.
module.enableCompileCache?.();
const { cli } = await import('../index.js');
await cli();
