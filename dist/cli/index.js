#!/usr/bin/env node
// The podlint CLI (package.json's bin). Written by scripts/build.mjs: the code is in ../index.js,
// the one bundle the Action runs too.
import { cli } from '../index.js';

await cli();
