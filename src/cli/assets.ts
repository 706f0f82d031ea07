import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Assets } from '../generator/emit/emit.js';

/** The package root, whether running from src/cli/ (tsx) or dist/cli/ (built). */
const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Reads the files the generator is built with: the runtime's and the validator's TypeScript
 * sources (copied into the output) and the kind template. I/O lives here so that `generate()` stays pure.
 */
export async function loadAssets(root: string = packageRoot): Promise<Assets> {
  const runtimeDir = join(root, 'src', 'runtime');
  const names = (await readdir(runtimeDir)).filter((n) => n.endsWith('.ts') && !n.endsWith('.d.ts')).sort();
  const runtime = await Promise.all(names.map(async (path) => ({ path, text: await readFile(join(runtimeDir, path), 'utf8') })));
  const kindTemplate = await readFile(join(root, 'templates', 'kind-api.ts'), 'utf8');
  const validationDir = join(root, 'src', 'validation');
  const validationNames = (await readdir(validationDir, { recursive: true })).filter((n) => n.endsWith('.ts') && !n.endsWith('.d.ts')).sort();
  const validation = await Promise.all(
    validationNames.map(async (path) => ({ path: path.split(sep).join('/'), text: await readFile(join(validationDir, path), 'utf8') })),
  );
  return { runtime, kindTemplate, validation };
}
