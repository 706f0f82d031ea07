// Preloaded into a measured Node process (NODE_OPTIONS=--import=...): prints its peak memory on exit.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `\n@@bench ${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })}\n`);
});
