import { diagnostic } from '../diagnostics.js';
import type { Diagnostic } from '../model.js';
import type { CrdModel, CrdVersion } from '../../kube/model.js';
import { camelCase, isPlainName, pascalCase, RESERVED_TYPE_NAMES, separatedCase, singular } from './naming.js';
import { renameFor, type GenerateOptions } from '../options.js';
import { branches, children, isNamedObject, pointerSegment, type SchemaNode, type Step } from '../schema-walk.js';

/**
 * How the planner names types in one group/version folder (every name there is exported by the
 * folder's index, so all must differ). Kinds keep their names first; nested types are named from
 * their parent's name plus the wire names on the way. A clash is resolved from the path (shallow
 * first, conventional wire names first, then by schema pointer), never by traversal order, and
 * every renamed type is reported.
 */

/** Names in use -> who holds them (said in the type-renamed message). */
export type Taken = Map<string, string>;

export function reservedNames(): Taken {
  return new Map([...RESERVED_TYPE_NAMES].map((name) => [name, 'a global or imported name']));
}

export interface RootNames {
  readonly typeName: string;
  readonly listName: string;
  readonly apiName: string;
  readonly resourceName: string;
}

type Entry = { readonly crd: CrdModel; readonly version: CrdVersion };
const subjectOf = ({ crd, version }: Entry) => `${crd.names.kind}.${crd.group}/${version.name}`;
const renamedInfo = (entry: Entry, name: string, because: string): Diagnostic =>
  diagnostic('info', 'type-renamed', `type named ${name}: ${because}`, { source: entry.crd.source, subject: subjectOf(entry) });

/**
 * The kind's own names: first every kind's interface name (so a kind named `BoxList` keeps it), then
 * their List, Api and resource names; kinds the user renamed come last and must find theirs free.
 */
export function assignRootNames(dir: string, entries: readonly Entry[], renames: GenerateOptions['renames'], taken: Taken, diagnostics: Diagnostic[]): RootNames[] {
  const wanted = entries.map(({ crd }) => renameFor(renames, crd.group, crd.names.kind));
  const own = entries.map((_, i) => i).filter((i) => wanted[i] === undefined);
  const bases = new Map<number, { typeName: string; base: string }>();
  const ownType = (index: number) => {
    const entry = entries[index] as Entry;
    const kind = pascalCase(entry.crd.names.kind) || 'Resource';
    const reserved = RESERVED_TYPE_NAMES.has(kind);
    const candidate = reserved ? `${kind}Resource` : kind;
    const typeName = claim(taken, candidate, [], `the kind ${entry.crd.names.kind}.${entry.crd.group}`);
    if (typeName !== entry.crd.names.kind) {
      const why = typeName !== candidate ? `${candidate} is taken by ${holderOf(taken, candidate, typeName)}` : reserved ? `${entry.crd.names.kind} would shadow a global or imported name` : `${entry.crd.names.kind} is not a PascalCase type name`;
      diagnostics.push(renamedInfo(entry, typeName, why));
    }
    bases.set(index, { typeName, base: typeName === candidate ? kind : typeName });
  };
  const derived = (index: number) => {
    const entry = entries[index] as Entry;
    const { typeName, base } = bases.get(index) as { typeName: string; base: string };
    const one = (candidate: string, alternate: string, what: string) => {
      const name = claim(taken, candidate, [alternate], `the ${what} of ${subjectOf(entry)}`);
      if (name !== candidate) diagnostics.push(renamedInfo(entry, name, `${candidate} is taken by ${holderOf(taken, candidate, name)}`));
      return name;
    };
    return {
      typeName,
      listName: one(`${base}List`, `${base}_List`, 'list type'),
      apiName: one(`${base}Api`, `${base}_Api`, 'API class'),
      resourceName: one(`${camelCase(base)}Resource`, `${camelCase(base)}_Resource`, 'resource descriptor'),
    };
  };
  const roots = new Array<RootNames>(entries.length);
  for (const index of own) ownType(index);
  for (const index of own) roots[index] = derived(index);
  entries.forEach((entry, index) => {
    const name = wanted[index];
    if (name === undefined) return;
    const names: RootNames = { typeName: name, listName: `${name}List`, apiName: `${name}Api`, resourceName: `${camelCase(name)}Resource` };
    const clash = Object.values(names).find((n) => taken.has(n));
    if (clash === undefined) {
      for (const n of Object.values(names)) taken.set(n, `the kind ${entry.crd.names.kind}.${entry.crd.group}`);
      if (name !== entry.crd.names.kind) diagnostics.push(renamedInfo(entry, name, `${entry.crd.names.kind} renamed by the renames option`));
      roots[index] = names;
      return;
    }
    diagnostics.push(
      diagnostic('error', 'rename-clash', `renames: ${entry.crd.names.kind} -> ${name} clashes with ${clash} in ${dir} (choose another name)`, {
        source: entry.crd.source,
        subject: subjectOf(entry),
      }),
    );
    ownType(index);
    roots[index] = derived(index);
  });
  return roots;
}

/** The longest name a nested type is given while a shorter one (with `_2`, ...) is free. */
export const MAX_TYPE_NAME = 80;

/** One word of a nested type's path: a wire name, or `Item`/`Value`/`OptionN` that crdgen adds. */
interface Word {
  readonly text: string;
  readonly added: boolean;
}

interface NestedRequest {
  readonly key: string;
  /** The kind's place in the folder's list. */
  readonly index: number;
  /** The words of the path from the root, singular for an array's items or a map's values (see pathWords). */
  readonly words: readonly Word[];
  readonly depth: number;
  /** 0: conventional names (`fooBar`), 1: other identifiers (`FooBar`), 2: anything else (`foo-bar`). */
  readonly rank: number;
  readonly entry: Entry;
  readonly pointer: string;
}

/**
 * Interface names for every named schema node of every entry: `<index> <pointer>` -> name. A nested
 * type is named by its kind plus the shortest tail of its path words that is still free
 * (`CertificatePrivateKey` for spec.privateKey), claimed shallow nodes first; the kind's name keeps
 * the types of different kinds apart, so adding a kind renames nothing of another.
 */
export function assignNestedNames(entries: readonly Entry[], roots: readonly RootNames[], taken: Taken, diagnostics: Diagnostic[]): Map<string, string> {
  const requests: NestedRequest[] = [];
  entries.forEach((entry, index) => {
    if (!entry.version.schema) return;
    const visit = (node: SchemaNode, pointer: string, words: readonly Word[], sinceNamed: number, depth: number, afterProperty: boolean): void => {
      for (const [step, child] of [...children(node), ...branches(node)]) {
        const childPointer = `${pointer}/${pointerSegment(step)}`;
        const childWords = pathWords(words, step, sinceNamed, afterProperty);
        const added = sinceNamed + (step.kind === 'property' || childWords.length > words.length ? 1 : 0);
        if (!isNamedObject(child)) {
          visit(child, childPointer, childWords, added, depth + 1, step.kind === 'property');
          continue;
        }
        const key = `${index} ${childPointer}`;
        const wire = childWords.filter((w) => !w.added).map((w) => w.text);
        const rank = wire.every((s) => isPlainName(s) && /^[a-z]/.test(s)) ? 0 : wire.every(isPlainName) ? 1 : 2;
        requests.push({ key, index, words: childWords, depth: depth + 1, rank, entry, pointer: childPointer });
        visit(child, childPointer, childWords, 0, depth + 1, step.kind === 'property');
      }
    };
    visit(entry.version.schema, '#', [], 0, 0, false);
  });
  const names = new Map<string, string>(roots.map((root, index) => [`${index} #`, root.typeName]));
  // Then by kind (its index, as a number: `10` after `9`) and pointer, so a kind added before others keeps their order.
  const ordered = requests.sort((a, b) => a.depth - b.depth || a.rank - b.rank || a.index - b.index || (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0));
  for (const request of ordered) {
    const root = names.get(`${request.key.split(' ')[0]} #`) as string;
    // Most nodes take their shortest tail as it is: claimed without working out the longer ones.
    const shortest = shortestTail(root, request.words);
    if (shortest.length <= MAX_TYPE_NAME && !taken.has(shortest)) {
      taken.set(shortest, `${subjectOf(request.entry)} ${request.pointer}`);
      names.set(request.key, shortest);
      continue;
    }
    const tails = tailNames(root, request.words);
    // Longer names than MAX_TYPE_NAME are left out (the shortest tail with `_2` comes before them).
    const fitting = tails.flat().filter((n) => n.length <= MAX_TYPE_NAME);
    const candidates = fitting.length > 0 ? fitting : [(tails[0] as readonly [string, string])[0]];
    const underscored = [root, ...request.words.map((w) => pascalCase(w.text))].join('_');
    const alternates = [...candidates.slice(1), ...(underscored.length <= MAX_TYPE_NAME ? [underscored] : [])];
    const name = claim(taken, candidates[0] as string, alternates, `${subjectOf(request.entry)} ${request.pointer}`);
    // A longer tail is how short names work; a name that kept separators or took `_` is reported.
    const plain = tails.find((pair) => pair.includes(name))?.[0] ?? (candidates.at(-1) as string);
    if (name !== plain) {
      diagnostics.push(
        diagnostic('info', 'type-renamed', `type named ${name}: ${plain} is taken by ${holderOf(taken, plain, name)}`, {
          source: request.entry.crd.source,
          subject: subjectOf(request.entry),
          schemaPath: request.pointer,
        }),
      );
    }
    names.set(request.key, name);
  }
  return names;
}

/**
 * The plain names the planner could give the named node at `pointer` of `schema` (a kind's type
 * `root`), shortest tail first, none longer than MAX_TYPE_NAME: what assignNestedNames picks from.
 */
export function nestedCandidates(schema: SchemaNode, root: string, pointer: string): string[] {
  let out: string[] = [];
  const visit = (node: SchemaNode, at: string, words: readonly Word[], sinceNamed: number, afterProperty: boolean): void => {
    for (const [step, child] of [...children(node), ...branches(node)]) {
      const childPointer = `${at}/${pointerSegment(step)}`;
      if (childPointer !== pointer && !pointer.startsWith(`${childPointer}/`)) continue;
      const childWords = pathWords(words, step, sinceNamed, afterProperty);
      if (childPointer === pointer) {
        out = tailNames(root, childWords)
          .map(([plain]) => plain)
          .filter((n) => n.length <= MAX_TYPE_NAME);
        return;
      }
      const added = sinceNamed + (step.kind === 'property' || childWords.length > words.length ? 1 : 0);
      visit(child, childPointer, childWords, isNamedObject(child) ? 0 : added, step.kind === 'property');
    }
  };
  visit(schema, '#', [], 0, false);
  return out;
}

/**
 * `Certificate` + [spec, keystores, jks] -> CertificateJks, CertificateKeystoresJks,
 * CertificateSpecKeystoresJks: each tail that starts at a wire name, shortest first, each with its
 * form that keeps the separators of the wire names (`foo-bar` -> `Foo_Bar`), used when the plain
 * form clashes with a differently spelled path.
 */
function tailNames(root: string, words: readonly Word[]): Array<readonly [string, string]> {
  const out: Array<readonly [string, string]> = [];
  for (let start = words.length - 1; start >= 0; start--) {
    if ((words[start] as Word).added && start > 0) continue;
    const tail = words.slice(start).map((w) => w.text);
    out.push([root + tail.map(pascalCase).join(''), root + tail.map(separatedCase).join('')]);
  }
  return out.length > 0 ? out : [[root, root]];
}

/** The first of tailNames' plain names (the shortest tail). */
function shortestTail(root: string, words: readonly Word[]): string {
  let start = words.length - 1;
  while (start > 0 && (words[start] as Word).added) start--;
  if (start < 0) return root;
  let name = root;
  for (let i = start; i < words.length; i++) name += pascalCase((words[i] as Word).text);
  return name;
}

/**
 * The path words one step further: a property adds its wire name; the items of an array property
 * and the values of a map property make its name singular (`conditions` -> `condition`); items of
 * items add `Item` (values of values `Value`); a branch adds `OptionN` when several branches are
 * named, or when no word was added since the last named node.
 */
function pathWords(words: readonly Word[], step: Step, sinceNamed: number, afterProperty: boolean): Word[] {
  if (step.kind === 'property') return [...words, { text: step.name, added: false }];
  if (step.kind === 'branch') return step.named > 1 || sinceNamed === 0 ? [...words, { text: `Option${step.index + 1}`, added: true }] : [...words];
  const last = words.at(-1);
  if (afterProperty && last !== undefined) return [...words.slice(0, -1), { text: singular(last.text), added: false }];
  return [...words, { text: step.kind === 'items' ? 'Item' : 'Value', added: true }];
}

/** Takes `candidate`, else the first free alternate, else `<candidate>_2`, `_3`, ... */
export function claim(taken: Taken, candidate: string, alternates: readonly string[], holder: string, normalize: (name: string) => string = (n) => n): string {
  const free = (name: string) => name !== '' && !taken.has(normalize(name));
  let name = free(candidate) ? candidate : (alternates.find(free) ?? '');
  for (let n = 2; !free(name); n++) name = `${candidate}_${n}`;
  taken.set(normalize(name), holder);
  return name;
}

/** Who holds `candidate` (asked only once `self`, the name given instead, differs from it). */
function holderOf(taken: Taken, candidate: string, self: string): string {
  return candidate === self ? 'itself' : (taken.get(candidate) ?? 'another type');
}
