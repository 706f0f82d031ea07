// json-schema-to-typescript's stages load without prettier (typegen/jstt.ts): its formatter gets a
// stand-in that requires prettier on first use. In a child process, so that no prettier loaded by
// the test runner hides what the stages load.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../support/fixtures.js';

describe('json-schema-to-typescript stages', () => {
  it('type a schema without loading prettier; its formatter still formats with it', () => {
    const script = [
      `const { typeAst, jsttText } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'src/generator/typegen/jstt.ts')).href)});`,
      `const { createRequire } = await import('node:module');`,
      `const fromJstt = createRequire(createRequire(${JSON.stringify(join(ROOT, 'package.json'))}).resolve('json-schema-to-typescript/dist/src/index.js'));`,
      `const prettierLoaded = () => Object.keys(fromJstt.cache).some((f) => /node_modules\\/prettier\\//.test(f));`,
      `const typed = await typeAst({ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, 'Thing', { bannerComment: '', format: false });`,
      `const text = jsttText(typed.ast, typed.options);`,
      `const before = prettierLoaded();`,
      `const formatted = await fromJstt('./formatter.js').format('type  A = {a:1}', { format: true });`,
      `const prettier = fromJstt('prettier');`,
      `console.log(JSON.stringify({ type: typed.ast.type, text, before, formatted, after: prettierLoaded(), same: typeof prettier.format === 'function' && fromJstt.cache[fromJstt.resolve('prettier')].exports === prettier }));`,
    ].join('\n');
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({ type: 'INTERFACE', text: 'Thing', before: false, formatted: 'type A = { a: 1 };\n', after: true, same: true });
  }, 120_000);
});
