// generated/ compiles unchanged under strict settings, with the runtime it imports (src/runtime)
// and the real @kubernetes/client-node types. Copy mode compiles too: test/generator/emit/runtime.test.ts.
import { describe, expect, it } from 'vitest';
import { GENERATED, listFiles } from '../support/fixtures.js';
import { STRICT_NODENEXT, STRICTEST_BUNDLER, typecheck } from '../support/typecheck.js';

describe('generated/ type-checks', () => {
  const files = listFiles(GENERATED, /\.ts$/);

  it('under strict + noUncheckedIndexedAccess (nodenext)', () => {
    expect(typecheck(files, STRICT_NODENEXT)).toBe('');
  });

  it('under exactOptionalPropertyTypes, isolatedModules, verbatimModuleSyntax, noUnused* (bundler)', () => {
    expect(typecheck(files, STRICTEST_BUNDLER)).toBe('');
  });
});
