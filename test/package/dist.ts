// Whether dist/ is a build of the sources as they are, so that the package test can pack it as it
// is: `npm ci` (prepare) has just built it on a fresh clone, and building it again from a clean
// folder in `npm pack` (prepack, prepare) was the slowest step of the test on a loaded machine.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * True when every source under `src` (tsconfig.build.json's rootDir) has its .js and .d.ts in
 * `dist`, each written after the source and after the tsconfig files, and dist holds nothing
 * else: what a build from a clean folder would leave there. Anything else (a source edited since
 * the build, a file of a removed source, a missing output) says "build it".
 */
export function distIsFresh(root: string): boolean {
  const dist = join(root, 'dist');
  if (!existsSync(dist)) return false;
  const configs = ['tsconfig.json', 'tsconfig.build.json'].map((f) => statSync(join(root, f)).mtimeMs);
  const expected = new Set<string>();
  for (const source of (readdirSync(join(root, 'src'), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))) {
    const newest = Math.max(statSync(join(root, 'src', source)).mtimeMs, ...configs);
    for (const out of [source.replace(/\.ts$/, '.js'), source.replace(/\.ts$/, '.d.ts')]) {
      const path = join(dist, out);
      if (!existsSync(path) || statSync(path).mtimeMs <= newest) return false;
      expected.add(out);
    }
  }
  const built = (readdirSync(dist, { recursive: true }) as string[]).filter((f) => statSync(join(dist, f)).isFile());
  return built.length === expected.size && built.every((f) => expected.has(f));
}
