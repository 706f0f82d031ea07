import { diagnostic } from '../diagnostics.js';
import type { Diagnostic } from '../model.js';
import type { CrdModel, CrdVersion } from '../../kube/model.js';
import { camelCase, isPlainName, pascalCase, RESERVED_TYPE_NAMES, separatedCase } from './naming.js';
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

interface NestedRequest {
  readonly key: string;
  readonly parentKey: string;
  /** Wire names of the properties from the named parent to this node. */
  readonly segments: readonly string[];
  readonly lastStep: Step['kind'];
  /** Wire names of the properties from the root. */
  readonly path: readonly string[];
  readonly depth: number;
  /** 0: conventional names (`fooBar`), 1: other identifiers (`FooBar`), 2: anything else (`foo-bar`). */
  readonly rank: number;
  readonly entry: Entry;
  readonly pointer: string;
}

/** Interface names for every named schema node of every entry: `<index> <pointer>` -> name. */
export function assignNestedNames(entries: readonly Entry[], roots: readonly RootNames[], taken: Taken, diagnostics: Diagnostic[]): Map<string, string> {
  const requests: NestedRequest[] = [];
  entries.forEach((entry, index) => {
    if (!entry.version.schema) return;
    const visit = (node: SchemaNode, pointer: string, parentKey: string, segments: readonly string[], path: readonly string[], depth: number): void => {
      for (const [step, child] of [...children(node), ...branches(node)]) {
        const childPointer = `${pointer}/${pointerSegment(step)}`;
        // Branches add no wire name; several named ones (or one at the root) are told apart by number.
        const option = step.kind === 'branch' && (step.named > 1 || segments.length === 0) ? [`Option${step.index + 1}`] : [];
        const childSegments = step.kind === 'property' ? [...segments, step.name] : [...segments, ...option];
        const childPath = step.kind === 'property' ? [...path, step.name] : path;
        if (!isNamedObject(child)) {
          visit(child, childPointer, parentKey, childSegments, childPath, depth + 1);
          continue;
        }
        const key = `${index} ${childPointer}`;
        const rank = childSegments.every((s) => isPlainName(s) && /^[a-z]/.test(s)) ? 0 : childSegments.every(isPlainName) ? 1 : 2;
        requests.push({ key, parentKey, segments: childSegments, lastStep: step.kind, path: childPath, depth: depth + 1, rank, entry, pointer: childPointer });
        visit(child, childPointer, key, [], childPath, depth + 1);
      }
    };
    visit(entry.version.schema, '#', `${index} #`, [], [], 0);
  });
  const names = new Map<string, string>(roots.map((root, index) => [`${index} #`, root.typeName]));
  const ordered = requests.sort((a, b) => a.depth - b.depth || a.rank - b.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const request of ordered) {
    const parent = names.get(request.parentKey) as string;
    const parts = request.segments.length > 0 ? request.segments : [request.lastStep === 'items' ? 'Item' : 'Value'];
    const candidate = parent + parts.map(pascalCase).join('');
    const root = names.get(`${request.key.split(' ')[0]} #`) as string;
    const alternates = [parent + parts.map(separatedCase).join(''), `${parent}_${parts.map(pascalCase).join('_')}`, [root, ...request.path.map(separatedCase)].join('_')];
    const name = claim(taken, candidate, alternates, `${subjectOf(request.entry)} ${request.pointer}`);
    if (name !== candidate) {
      diagnostics.push(
        diagnostic('info', 'type-renamed', `type named ${name}: ${candidate} is taken by ${holderOf(taken, candidate, name)}`, {
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
