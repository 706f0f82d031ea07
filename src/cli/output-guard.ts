import { lstat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { CliFailure } from './context.js';

/**
 * The writer's own check that every file lands inside the output folder, whatever the generator
 * returned: a path must be relative, without `..`, `.`, empty or NUL segments, and no folder on
 * its way may be a symbolic link (writing through one would land wherever it points).
 */
export async function checkInsideOutput(outDir: string, shown: string, paths: readonly string[]): Promise<void> {
  // Path -> whether something is there; below an absent path nothing is (no lstat for it).
  const checked = new Map<string, boolean>();
  for (const path of paths) {
    const segments = path.split(/[\\/]/);
    if (isAbsolute(path) || segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\u0000'))) {
      throw new CliFailure(`${JSON.stringify(path)}: would be written outside ${shown}; nothing written (report this to crdgen)`);
    }
    for (let i = 1; i <= segments.length; i++) {
      const rel = segments.slice(0, i).join('/');
      const present = checked.get(rel);
      if (present === false) break;
      if (present === true) continue;
      const info = await lstat(join(outDir, rel)).catch(() => undefined);
      checked.set(rel, info !== undefined);
      if (!info) break;
      if (info.isSymbolicLink()) {
        throw new CliFailure(`${shown}/${rel}: is a symbolic link; crdgen writes only inside ${shown}, never through a link (remove it); nothing written`);
      }
    }
  }
}
