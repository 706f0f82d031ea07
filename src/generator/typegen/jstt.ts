// json-schema-to-typescript's stages up to its type AST: what its compile() does before it prints
// (dereference, link, validate, normalize, parse, name recursive types, optimize). crdgen prints
// the AST itself (emit/declarations.ts), in the layout of its output, so no text is printed here
// to be parsed again. The stages are the package's own modules (pinned, see package.json), loaded
// with require() as ts-morph is (see emit/ts-morph.ts).
import Module, { createRequire } from 'node:module';
import type { JSONSchema } from 'json-schema-to-typescript';
import type { AST } from 'json-schema-to-typescript/dist/src/types/AST.js';

export type { AST as TypeAst } from 'json-schema-to-typescript/dist/src/types/AST.js';

type Options = { readonly [key: string]: unknown };
type Paths = WeakMap<object, string>;

interface Stages {
  readonly index: { DEFAULT_OPTIONS: Options; ValidationError: new () => Error };
  readonly resolver: { dereference(schema: JSONSchema, options: Options): Promise<{ dereferencedPaths: Paths; dereferencedSchema: JSONSchema }> };
  readonly linker: { link(schema: JSONSchema): JSONSchema };
  readonly validator: { validate(schema: JSONSchema, name: string): string[] };
  readonly normalizer: {
    normalizeNullableRefs(schema: JSONSchema): void;
    normalize(schema: JSONSchema, paths: Paths, name: string, options: Options): JSONSchema;
  };
  readonly parser: {
    parse(schema: JSONSchema, options: Options, keyName: undefined, processed: Map<unknown, unknown>, usedNames: Set<string>): AST;
    nameAnonymousRecursiveTypes(ast: AST, processed: Map<unknown, unknown>, paths: Paths, usedNames: Set<string>): void;
  };
  readonly optimizer: { optimize(ast: AST, options: Options): AST };
  readonly utils: { error(...messages: unknown[]): void; toSafeString(name: string): string };
  readonly generator: { generateType(ast: AST, options: Options): string };
  readonly lodash: { cloneDeep<T>(value: T): T; merge(...values: object[]): Options };
}

const require = createRequire(import.meta.url);
const stage = (name: string): unknown => require(`json-schema-to-typescript/dist/src/${name}.js`);
// lodash is json-schema-to-typescript's dependency, not ours: resolved from its folder, so it is
// found where a package manager does not hoist it (pnpm, a nested install).
const fromJstt = createRequire(require.resolve('json-schema-to-typescript/dist/src/index.js'));
// Stand-ins while the stages load (see onFirstUse): prettier for the formatter, js-yaml for the
// YAML parser of @apidevtools/json-schema-ref-parser (crdgen's schemas are objects, never files
// for it to read as YAML: ~20 ms of CPU for js-yaml's 26 CommonJS modules in every thread).
const standIns = [onFirstUse(fromJstt, 'prettier'), onFirstUse(refParserRequire(), 'js-yaml', true)];
const jstt: Stages = {
  index: stage('index') as Stages['index'],
  resolver: stage('resolver') as Stages['resolver'],
  linker: stage('linker') as Stages['linker'],
  validator: stage('validator') as Stages['validator'],
  normalizer: stage('normalizer') as Stages['normalizer'],
  parser: stage('parser') as Stages['parser'],
  optimizer: stage('optimizer') as Stages['optimizer'],
  utils: stage('utils') as Stages['utils'],
  generator: stage('generator') as Stages['generator'],
  lodash: fromJstt('lodash') as Stages['lodash'],
};
for (const takeOut of standIns) takeOut();

/** require() as json-schema-to-typescript's reference parser resolves (its js-yaml is its own dependency). */
function refParserRequire(): NodeJS.Require | undefined {
  try {
    return createRequire(fromJstt.resolve('@apidevtools/json-schema-ref-parser'));
  } catch {
    return undefined;
  }
}

/**
 * json-schema-to-typescript's index (which its printer requires) requires its formatter, which
 * requires prettier, whose CommonJS entry imports its 680 KB ES module at once: ~40 ms of CPU in
 * every process, for text crdgen never formats (`format: false`, so the formatter returns the
 * text without calling prettier). Its resolver requires the reference parser, whose YAML parser
 * requires js-yaml, for no YAML crdgen gives it. While the stages load, such a module (`name` as
 * `from` resolves it) is given an object that requires it when one of its members is first read;
 * with `plain`, reading `__esModule` (what TypeScript's import helpers ask at once) answers
 * undefined without loading it, as a CommonJS module without that mark does. The stand-in is then
 * taken out of the require cache, so any later require() gets the module itself. Returns the
 * function that takes it out. Nothing is put in place of a module loaded already.
 */
function onFirstUse(from: NodeJS.Require | undefined, name: string, plain = false): () => void {
  const cache = require.cache;
  let path: string;
  try {
    if (!from) return () => undefined;
    path = from.resolve(name);
  } catch {
    return () => undefined;
  }
  if (cache[path] !== undefined) return () => undefined;
  const takeOut = () => {
    if (cache[path]?.exports === standIn) delete cache[path];
  };
  let loaded: object | undefined;
  const real = (): object => {
    takeOut();
    return (loaded ??= from(name) as object);
  };
  const standIn: object = new Proxy(
    {},
    {
      get: (_, key) => (plain && key === '__esModule' && loaded === undefined ? undefined : Reflect.get(real(), key)),
      has: (_, key) => Reflect.has(real(), key),
    },
  );
  const module = new Module(path);
  Object.assign(module, { filename: path, loaded: true, exports: standIn });
  cache[path] = module;
  return takeOut;
}

/** Whether an object or array below `value` (or itself) has an own `$ref` or `$id` key. */
function holdsRefOrId(value: unknown, seen = new Set<object>()): boolean {
  if (typeof value !== 'object' || value === null || seen.has(value)) return false;
  seen.add(value);
  if (Object.hasOwn(value, '$ref') || Object.hasOwn(value, '$id')) return true;
  for (const child of Object.values(value)) if (holdsRefOrId(child, seen)) return true;
  return false;
}

/**
 * What the resolver stage gives. Its reference parser replaces each object with a `$ref` (anywhere,
 * as it knows no keywords) and json-schema-to-typescript then its root `$ref` and `$id` anchors;
 * a schema without either key comes back as the same object, no path dereferenced, after a walk
 * of the whole schema. CRD schemas may not hold `$ref` (the API server refuses it), so only one
 * that does goes through the stage, with options of its own (`full`, see sharedOptions).
 */
async function dereference(schema: JSONSchema, options: Options): Promise<{ dereferencedPaths: Paths; dereferencedSchema: JSONSchema; full: Options }> {
  if (!holdsRefOrId(schema)) return { dereferencedPaths: new WeakMap(), dereferencedSchema: schema, full: sharedOptions(options) };
  const full = fullOptions(options);
  return { ...(await jstt.resolver.dereference(schema, full)), full };
}

/** The options compile() would run with (its defaults merged with ours, `cwd` ending in `/`). */
function fullOptions(options: Options): Options {
  const merged = jstt.lodash.merge({}, jstt.index.DEFAULT_OPTIONS, options);
  const cwd = String(merged.cwd);
  return { ...merged, cwd: cwd.endsWith('/') ? cwd : `${cwd}/` };
}

/**
 * fullOptions(options) made once per options object: the stages after the resolver only read
 * their options (a lodash merge per schema was ~3% of a run of small CRDs), so every schema of
 * the thread may share them. The resolver's reference parser is given options of its own.
 */
const merged = new WeakMap<Options, Options>();
function sharedOptions(options: Options): Options {
  let full = merged.get(options);
  if (full === undefined) merged.set(options, (full = fullOptions(options)));
  return full;
}

/** One compiled schema: its type AST (the root is the interface named `name`) and the options it was made with. */
export interface Typed {
  readonly ast: AST;
  readonly options: Options;
}

/**
 * lodash's cloneDeep of a schema, as compile() makes before its stages change it in place: the
 * same copy (every object and array anew, an object met twice copied once, keys in order) made
 * without lodash's generic machinery (its key cache, symbol and prototype checks per value), a
 * tenth of a run's CPU on small CRDs. A value that is not plain JSON data (a Date, an object with
 * symbols or another prototype) has lodash copy the whole schema.
 */
export function cloneSchema<T>(schema: T): T {
  const copies = new Map<object, unknown>();
  const copy = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    const done = copies.get(value);
    if (done !== undefined) return done;
    if (Array.isArray(value)) {
      if (Object.getPrototypeOf(value) !== Array.prototype) throw NOT_PLAIN;
      const out = new Array<unknown>(value.length);
      copies.set(value, out);
      for (let i = 0; i < value.length; i++) out[i] = copy(value[i]);
      return out;
    }
    if (Object.getPrototypeOf(value) !== Object.prototype || Object.getOwnPropertySymbols(value).length > 0) throw NOT_PLAIN;
    const out: { [key: string]: unknown } = {};
    copies.set(value, out);
    for (const key of Object.keys(value)) {
      const child = copy((value as { [key: string]: unknown })[key]);
      if (key === '__proto__') Object.defineProperty(out, key, { value: child, writable: true, enumerable: true, configurable: true });
      else out[key] = child;
    }
    return out;
  };
  try {
    return copy(schema) as T;
  } catch (error) {
    if (error !== NOT_PLAIN) throw error;
    return jstt.lodash.cloneDeep(schema);
  }
}

const NOT_PLAIN = new Error('not plain JSON data');

/** The type AST json-schema-to-typescript's compile(schema, name, options) prints. */
export async function typeAst(schema: JSONSchema, name: string, options: Options): Promise<Typed> {
  const copy = cloneSchema(schema);
  jstt.normalizer.normalizeNullableRefs(copy);
  const { dereferencedPaths, dereferencedSchema, full } = await dereference(copy, options);
  const linked = jstt.linker.link(dereferencedSchema);
  const errors = jstt.validator.validate(linked, name);
  if (errors.length > 0) {
    for (const e of errors) jstt.utils.error(e);
    throw new jstt.index.ValidationError();
  }
  const normalized = jstt.normalizer.normalize(linked, dereferencedPaths, name, full);
  const processed = new Map<unknown, unknown>();
  const usedNames = new Set<string>();
  const parsed = jstt.parser.parse(normalized, full, undefined, processed, usedNames);
  jstt.parser.nameAnonymousRecursiveTypes(parsed, processed, dereferencedPaths, usedNames);
  return { ast: jstt.optimizer.optimize(parsed, full), options: full };
}

/** The identifier json-schema-to-typescript prints for a standalone name. */
export const safeName = (name: string): string => jstt.utils.toSafeString(name);

/** json-schema-to-typescript's own text for a type (its printer; used where its text decides, as in its deduplication). */
export const jsttText = (ast: AST, options: Options): string => jstt.generator.generateType(ast, options);
