import { main } from './main.js';
import { processContext } from './context.js';
import { tuneHeap } from './heap.js';

tuneHeap();
process.exitCode = await main(process.argv.slice(2), processContext());
