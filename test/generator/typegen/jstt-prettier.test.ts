// json-schema-to-typescript's stages load without prettier and without its reference parser's
// js-yaml (typegen/jstt.ts): each gets a stand-in that requires the module on first use. In a child
// process, so that no module loaded by the test runner hides what the stages load.
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

  it('type a schema without loading js-yaml for the reference parser; its YAML parser still parses with it', () => {
    const script = [
      `const { typeAst } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'src/generator/typegen/jstt.ts')).href)});`,
      `const { createRequire } = await import('node:module');`,
      `const fromJstt = createRequire(createRequire(${JSON.stringify(join(ROOT, 'package.json'))}).resolve('json-schema-to-typescript/dist/src/index.js'));`,
      `const fromParser = createRequire(fromJstt.resolve('@apidevtools/json-schema-ref-parser'));`,
      `const path = fromParser.resolve('js-yaml');`,
      `const loaded = () => Object.keys(fromJstt.cache).filter((f) => f.startsWith(path.slice(0, path.lastIndexOf('/') + 1))).length;`,
      `const typed = await typeAst({ type: 'object', properties: { a: { type: 'string' } } }, 'Thing', { bannerComment: '', format: false });`,
      `const before = loaded();`,
      `const yaml = fromParser('./parsers/yaml.js').default;`,
      `const parsed = await yaml.parse({ url: 'x.yaml', extension: '.yaml', data: 'a: [1, two]\\n' });`,
      `const real = fromParser('js-yaml');`,
      `console.log(JSON.stringify({ type: typed.ast.type, before, parsed, after: loaded() > 0, same: fromJstt.cache[path].exports === real, mark: '__esModule' in real }));`,
    ].join('\n');
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(child.stderr).toBe('');
    // js-yaml's CommonJS entry has no __esModule mark: what the stand-in answers without loading it.
    expect(JSON.parse(child.stdout)).toEqual({ type: 'INTERFACE', before: 0, parsed: { a: [1, 'two'] }, after: true, same: true, mark: false });
  }, 120_000);

  it('a schema without $ref or $id (no resolver stage) and one with a $ref are typed as compile() types them', () => {
    const plain = { type: 'object', properties: { a: { type: 'string', enum: ['x', 'y'] }, b: { type: 'array', items: { type: 'object', properties: { c: { type: 'integer' } } } } }, required: ['a'] };
    const withRef = { type: 'object', definitions: { name: { type: 'string' } }, properties: { a: { $ref: '#/definitions/name' }, b: { $ref: '#/definitions/name' } } };
    const script = [
      `const { typeAst } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'src/generator/typegen/jstt.ts')).href)});`,
      `const { createRequire } = await import('node:module');`,
      `const fromJstt = createRequire(createRequire(${JSON.stringify(join(ROOT, 'package.json'))}).resolve('json-schema-to-typescript/dist/src/index.js'));`,
      `const options = { bannerComment: '', format: false };`,
      `const text = async (schema) => { const typed = await typeAst(structuredClone(schema), 'Thing', options); return fromJstt('./generator.js').generate(typed.ast, typed.options); };`,
      `const plain = await text(${JSON.stringify(plain)});`,
      `const withRef = await text(${JSON.stringify(withRef)});`,
      `const { compile } = fromJstt('./index.js');`,
      `const want = [await compile(${JSON.stringify(plain)}, 'Thing', options), await compile(${JSON.stringify(withRef)}, 'Thing', options)];`,
      `console.log(JSON.stringify({ same: [plain === want[0], withRef === want[1]], refTyped: /b\\?: Name/.test(withRef) }));`,
    ].join('\n');
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({ same: [true, true], refTyped: true });
  }, 120_000);
});
