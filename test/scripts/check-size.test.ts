// The size limits stay true: no source file over 300 lines, no function over 60 (outside tests).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_FILE_LINES, MAX_FUNCTION_LINES, sizeBreaches } from '../../scripts/check-size.js';
import { ROOT } from '../support/fixtures.js';

describe('size limits', () => {
  it('hold for every source file of the repository', () => {
    expect(sizeBreaches(ROOT)).toEqual([]);
  });

  const dir = mkdtempSync(join(tmpdir(), 'crdgen-size-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('name a file and a function over the limit, and nothing at the limit', () => {
    mkdirSync(join(dir, 'src'));
    const body = (n: number) => Array.from({ length: n - 2 }, (_, i) => `  const x${i} = ${i};`).join('\n');
    writeFileSync(join(dir, 'src', 'ok.ts'), `export function fits(): void {\n${body(MAX_FUNCTION_LINES)}\n}\n`);
    writeFileSync(join(dir, 'src', 'long.ts'), `export const long = (): void => {\n${body(MAX_FUNCTION_LINES + 1)}\n};\n`);
    writeFileSync(join(dir, 'src', 'big.ts'), Array.from({ length: MAX_FILE_LINES + 1 }, (_, i) => `export const y${i} = ${i};`).join('\n') + '\n');
    expect(sizeBreaches(dir)).toEqual([
      { file: join('src', 'big.ts'), what: 'file', lines: MAX_FILE_LINES + 1 },
      { file: join('src', 'long.ts'), what: 'function long (line 1)', lines: MAX_FUNCTION_LINES + 1 },
    ]);
  });
});
