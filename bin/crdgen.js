#!/usr/bin/env node
import { main } from '../dist/cli/main.js';
import { processContext } from '../dist/cli/context.js';

process.exitCode = await main(process.argv.slice(2), processContext());
