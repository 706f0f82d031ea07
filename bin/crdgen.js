#!/usr/bin/env node
import { enableCompileCache } from '../dist/cli/compile-cache.js';
import { main } from '../dist/cli/main.js';
import { processContext } from '../dist/cli/context.js';
import { tuneHeap } from '../dist/cli/heap.js';

enableCompileCache();
tuneHeap();
process.exitCode = await main(process.argv.slice(2), processContext());
