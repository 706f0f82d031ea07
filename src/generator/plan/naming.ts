/**
 * Name helpers. Every TypeScript name crdgen emits is built here, so json-schema-to-typescript's own
 * name mangling (upper-case after digits, `_x` -> `X`, no leading digits) leaves it unchanged.
 */

/**
 * `private-key` -> `PrivateKey`, `k8sService` -> `K8sService`, `v1beta1Config` -> `V1beta1Config`,
 * `__proto__` -> `Proto`, `-Xmx` -> `Xmx`, `v1-1-0` -> `V1_1_0`. Each word keeps its own case and only
 * its first letter is raised (as Kubernetes' clients write `V1beta1`, never `V1Beta1`).
 */
export function pascalCase(text: string): string {
  return remembered(pascalCases, text, pascalCaseOf);
}

/**
 * Names are asked for the same words again and again (every tail of every nested path), so the two
 * word helpers remember their answers; the memory is dropped past a bound.
 */
function remembered(memory: Map<string, string>, text: string, make: (text: string) => string): string {
  let name = memory.get(text);
  if (name === undefined) {
    if (memory.size >= 50_000) memory.clear();
    name = make(text);
    memory.set(text, name);
  }
  return name;
}
const pascalCases = new Map<string, string>();
const separatedCases = new Map<string, string>();

function pascalCaseOf(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '');
  // Digits on both sides of a separator stay apart (`v1-1-0` -> `V1_1_0`, never `V110`).
  const joined = words.map((w, i) => (i > 0 && /\d$/.test(words[i - 1] as string) && /^\d/.test(w) ? '_' : '') + upperFirst(w)).join('');
  return upperFirst(joined.replace(/^[\d_]+/, ''));
}

const upperFirst = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

/**
 * `jumpstarter.dev` + `v1alpha1` -> `jumpstarterDevV1alpha1`, `HTTPRoute` -> `httpRoute`,
 * `K8sCluster` -> `k8sCluster`: a leading acronym is lowered whole, but for the capital that starts
 * the next word.
 */
export function camelCase(text: string): string {
  const pascal = pascalCase(text);
  const run = /^[A-Z]+/.exec(pascal)?.[0] ?? '';
  const lowered = run.length > 1 && /^[a-z]/.test(pascal.slice(run.length)) ? run.length - 1 : run.length;
  return pascal.slice(0, lowered).toLowerCase() + pascal.slice(lowered);
}

/** Words whose plural is irregular or that are singular although they end in `s`. */
const SINGULAR_OF = new Map([
  ['aliases', 'alias'], ['biases', 'bias'], ['buses', 'bus'], ['caches', 'cache'], ['causes', 'cause'], ['clauses', 'clause'],
  ['pauses', 'pause'], ['uses', 'use'], ['children', 'child'], ['people', 'person'], ['indices', 'index'], ['matrices', 'matrix'],
]);
const UNCOUNTED = new Set(['data', 'metadata', 'series', 'species', 'news', 'always', 'tls', 'dns', 'aws', 'gcs', 'https', 'os', 'cors', 'kubernetes', 'redis', 'jenkins', 'postgres', 'canvas', 'gas', 'sms', 'its', 'ms', 'ns']);

/**
 * The singular of a wire name (its last word): `conditions` -> `condition`, `matchExpressions` ->
 * `matchExpression`, `policies` -> `policy`, `addresses` -> `address`, `statuses` -> `status`;
 * `ingress`, `data` and `tls` stay. The name of one item of an array, or one value of a map.
 */
export function singular(name: string): string {
  const last = /([A-Z]?[a-z]+|[A-Z]+s?|[0-9]+)$/.exec(name)?.[0] ?? name;
  const word = last.toLowerCase();
  const stem = name.slice(0, name.length - last.length);
  const keepCase = (replacement: string) => (/^[A-Z]+s?$/.test(last) && last.length > 1 ? replacement.toUpperCase() : last.charAt(0) === last.charAt(0).toUpperCase() ? upperFirst(replacement) : replacement);
  const irregular = SINGULAR_OF.get(word);
  if (irregular !== undefined) return stem + keepCase(irregular);
  if (UNCOUNTED.has(word) || word.length <= 2 || /(ss|us|is)$/.test(word) || !word.endsWith('s')) return name;
  if (word.endsWith('ies') && word.length > 4) return stem + last.slice(0, -3) + (/[A-Z]$/.test(last.slice(0, -3)) ? 'Y' : 'y');
  if (/(ss|us|x|ch|sh|z)es$/.test(word)) return stem + last.slice(0, -2);
  return stem + last.slice(0, -1);
}

/**
 * Global names a generated declaration must never shadow (it would change what `Promise`, `Record`,
 * ... mean inside the file), plus the names the generated files import. ECMAScript and TypeScript's
 * own globals only: a kind named `Event` or `Blob` (host globals) keeps its name.
 */
export const RESERVED_TYPE_NAMES: ReadonlySet<string> = new Set([
  // our imports
  'V1ObjectMeta', 'V1ListMeta', 'V1Scale', 'AbstractAsyncCustomObjectApi', 'ApiOptions', 'GetOptions',
  'WriteOptions', 'PatchOptions', 'Patch', 'ResourceDescriptor', 'EmbeddedObjectMeta',
  // ECMAScript and TypeScript globals
  'Object', 'Function', 'Boolean', 'Symbol', 'Error', 'AggregateError', 'EvalError', 'RangeError',
  'ReferenceError', 'SyntaxError', 'TypeError', 'URIError', 'Number', 'BigInt', 'Math', 'Date', 'String',
  'RegExp', 'Array', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
  'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array', 'Map',
  'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry', 'ArrayBuffer', 'SharedArrayBuffer',
  'DataView', 'Atomics', 'JSON', 'Promise', 'Proxy', 'Reflect', 'Intl', 'Iterator', 'AsyncIterator',
  'Iterable', 'AsyncIterable', 'IterableIterator', 'AsyncIterableIterator', 'Generator', 'AsyncGenerator',
  'PromiseLike', 'ArrayLike', 'Record', 'Partial', 'Required', 'Readonly', 'ReadonlyArray', 'Pick', 'Omit',
  'Exclude', 'Extract', 'NonNullable', 'Parameters', 'ConstructorParameters', 'ReturnType', 'InstanceType',
  'ThisType', 'Awaited', 'Uppercase', 'Lowercase', 'Capitalize', 'Uncapitalize', 'PropertyKey',
  'PropertyDescriptor', 'TemplateStringsArray', 'Disposable', 'AsyncDisposable', 'SymbolConstructor',
  'globalThis', 'undefined', 'NaN', 'Infinity',
]);

/** TypeScript/JavaScript reserved words: never valid as a bare identifier for a value. */
const RESERVED_WORDS = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends false finally ' +
    'for function if import in instanceof new null return super switch this throw true try typeof var void ' +
    'while with as implements interface let package private protected public static yield await any boolean ' +
    'constructor declare get module require number set string symbol type from of never unknown object').split(' '),
);

export function isIdentifier(text: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(text) && !RESERVED_WORDS.has(text);
}

/** `foo-bar` -> `Foo_Bar`: the words of one wire name, kept apart (used to tell clashing names apart). */
export function separatedCase(text: string): string {
  return remembered(separatedCases, text, separatedCaseOf);
}

function separatedCaseOf(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => pascalCase(w))
    .filter((w) => w !== '')
    .join('_');
}

/** A wire name that is a plain identifier (`fooBar`), as opposed to `foo-bar` or `foo.bar`. */
export const isPlainName = (text: string): boolean => /^[A-Za-z][A-Za-z0-9]*$/.test(text);
