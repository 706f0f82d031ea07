import { diagnostic } from './diagnostics.js';
import type { CrdModel, CrdVersion, Diagnostic } from './model.js';
import { camelCase, isPlainName, pascalCase, RESERVED_TYPE_NAMES, separatedCase } from './naming.js';
import { matchesSelector, renameFor, type GenerateOptions } from './options.js';
import { isNamedObject, walk } from './schema-walk.js';

/** Every name of one kind at one version, decided once. */
export interface KindPlan {
  readonly crd: CrdModel;
  readonly version: CrdVersion;
  /** `Kind.group/version`, used in messages. */
  readonly subject: string;
  /** Output path, e.g. `jumpstarter.dev/v1alpha1/exporter.ts`. */
  readonly file: string;
  readonly typeName: string;
  readonly listName: string;
  readonly apiName: string;
  readonly resourceName: string;
  /** Schema pointer (`#`, `#/properties/spec`, ...) -> interface name, for every named node. */
  readonly typeNames: ReadonlyMap<string, string>;
}

export interface GroupVersionPlan {
  readonly group: string;
  readonly version: string;
  /** `group/version` folder of the output (`group/version/variant` for a CRD defined again). */
  readonly dir: string;
  /** Name of the namespace export in the root index (`jumpstarterDevV1Alpha1`). */
  readonly exportName: string;
  readonly kinds: readonly KindPlan[];
}

export interface GenerationPlan {
  readonly groupVersions: readonly GroupVersionPlan[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Chooses the versions to generate and names every file, type, class and export. */
export function plan(crds: readonly CrdModel[], options: GenerateOptions): GenerationPlan {
  const diagnostics: Diagnostic[] = [];
  const byGv = new Map<string, Array<{ crd: CrdModel; version: CrdVersion }>>();
  for (const crd of crds) {
    if (!selected(crd, options)) continue;
    for (const version of chooseVersions(crd, options)) {
      const key = `${crd.group}/${version.name}${crd.variant ? `/${crd.variant}` : ''}`;
      const list = byGv.get(key) ?? [];
      list.push({ crd, version });
      byGv.set(key, list);
    }
  }
  const keys = [...byGv.keys()].sort();
  const exportNames = assignUnique(
    keys.map((key) => ({ key, candidate: camelCase(key), alternates: [key.replace(/[^A-Za-z0-9]+/g, '_')] })),
    new Set(),
  );
  const groupVersions = keys.map((key) => {
    const entries = [...(byGv.get(key) ?? [])].sort((a, b) => (a.crd.names.kind < b.crd.names.kind ? -1 : 1));
    const first = entries[0] as { crd: CrdModel; version: CrdVersion };
    return {
      group: first.crd.group,
      version: first.version.name,
      dir: key,
      exportName: exportNames.get(key) as string,
      kinds: planKinds(key, entries, options.renames, diagnostics),
    };
  });
  for (const key of Object.keys(options.renames).sort()) {
    if (crds.some((crd) => key === crd.names.kind || key === `${crd.names.kind}.${crd.group}`)) continue;
    diagnostics.push(diagnostic('warning', 'rename-unused', `renames: ${key} matches no kind of the inputs (use Kind or Kind.group, or remove it)`));
  }
  return { groupVersions, diagnostics };
}

function selected(crd: CrdModel, options: GenerateOptions): boolean {
  const matches = (s: string) => matchesSelector(s, crd.group, crd.names.kind, crd.names.plural);
  if (options.include.length > 0 && !options.include.some(matches)) return false;
  return !options.exclude.some(matches);
}

function chooseVersions(crd: CrdModel, options: GenerateOptions): CrdVersion[] {
  if (options.versions === 'all') return [...crd.versions];
  if (options.versions === 'storage') {
    const storage = crd.versions.find((v) => v.storage) ?? crd.versions.find((v) => v.served);
    return storage ? [storage] : [];
  }
  return crd.versions.filter((v) => v.served);
}

function planKinds(
  dir: string,
  entries: Array<{ crd: CrdModel; version: CrdVersion }>,
  renames: GenerateOptions['renames'],
  diagnostics: Diagnostic[],
): KindPlan[] {
  const taken = new Set<string>(RESERVED_TYPE_NAMES);
  // Root names first, so a nested type can never take a kind's own names. Kinds that keep their
  // own names go first, so a rename can never take a name from a kind.
  const renamed = entries.map(({ crd }) => renameFor(renames, crd.group, crd.names.kind));
  const roots = new Array<{ typeName: string; listName: string; apiName: string; resourceName: string }>(entries.length);
  for (const index of entries.map((_, i) => i).sort((a, b) => Number(renamed[a] !== undefined) - Number(renamed[b] !== undefined))) {
    const { crd, version } = entries[index] as { crd: CrdModel; version: CrdVersion };
    // Kinds are identifiers already, but json-schema-to-typescript upper-cases their first letter
    // (and letters after digits), so every name goes through the same rule.
    const kind = pascalCase(crd.names.kind) || 'Resource';
    const own = { typeName: RESERVED_TYPE_NAMES.has(kind) ? `${kind}Resource` : kind, base: kind };
    let chosen = own;
    const wanted = renamed[index];
    if (wanted !== undefined) {
      const names = rootNames({ typeName: wanted, base: wanted });
      const clash = Object.values(names).find((name) => taken.has(name));
      if (clash === undefined) chosen = { typeName: wanted, base: wanted };
      else {
        diagnostics.push(
          diagnostic('error', 'rename-clash', `renames: ${crd.names.kind} -> ${wanted} clashes with ${clash} in ${dir} (choose another name)`, {
            source: crd.source,
            subject: `${crd.names.kind}.${crd.group}/${version.name}`,
          }),
        );
      }
    }
    const names = rootNames(chosen);
    for (const name of Object.values(names)) taken.add(name);
    roots[index] = names;
  }
  const requests: NameRequest[] = [];
  entries.forEach(({ crd, version }, index) => {
    if (!version.schema) return;
    for (const visited of walk(version.schema)) {
      if (visited.pointer === '#' || !isNamedObject(visited.node)) continue;
      const typeName = (roots[index] as { typeName: string }).typeName;
      const segments = visited.path.map(pascalCase);
      requests.push({
        key: `${index} ${visited.pointer}`,
        candidate: typeName + segments.join(''),
        alternates: [typeName + visited.path.map(separatedCase).join(''), [typeName, ...segments].join('_')],
        depth: visited.steps.length,
        plain: visited.path.every(isPlainName),
        subject: `${crd.names.kind}.${crd.group}/${version.name}`,
        schemaPath: visited.pointer,
      });
    }
  });
  const assigned = assignUnique(requests, taken, (request, name, because) =>
    diagnostics.push(
      diagnostic('info', 'type-renamed', `type named ${name}: ${because}`, {
        ...(request.subject ? { subject: request.subject } : {}),
        ...(request.schemaPath ? { schemaPath: request.schemaPath } : {}),
      }),
    ),
  );
  const files = assignUnique(
    entries.map(({ crd }) => ({ key: crd.names.kind, candidate: crd.names.kind.toLowerCase(), alternates: [] })),
    new Set(),
    undefined,
    (name) => name.toLowerCase(),
  );
  return entries.map(({ crd, version }, index) => {
    const root = roots[index] as (typeof roots)[number];
    const typeNames = new Map<string, string>([['#', root.typeName]]);
    const prefix = `${index} `;
    for (const [key, name] of assigned) if (key.startsWith(prefix)) typeNames.set(key.slice(prefix.length), name);
    if (root.typeName !== crd.names.kind) {
      const why = root.typeName === renameFor(renames, crd.group, crd.names.kind) ? 'renamed by the renames option' : RESERVED_TYPE_NAMES.has(pascalCase(crd.names.kind)) ? 'would shadow a global or imported name' : 'is not a PascalCase type name';
      diagnostics.push(
        diagnostic('info', 'type-renamed', `type named ${root.typeName}: ${crd.names.kind} ${why}`, {
          subject: `${crd.names.kind}.${crd.group}/${version.name}`,
        }),
      );
    }
    return {
      crd,
      version,
      subject: `${crd.names.kind}.${crd.group}/${version.name}`,
      file: `${dir}/${files.get(crd.names.kind) as string}.ts`,
      ...root,
      typeNames,
    };
  });
}

function rootNames({ typeName, base }: { typeName: string; base: string }) {
  return { typeName, listName: `${base}List`, apiName: `${base}Api`, resourceName: `${camelCase(base)}Resource` };
}

interface NameRequest {
  readonly key: string;
  readonly candidate: string;
  /** Tried in order when the candidate is taken; then `<candidate>_2`, `_3`, ... */
  readonly alternates: readonly string[];
  /** Shallower requests win a clash, then those whose wire names are plain identifiers; ties are broken by key, never by traversal order. */
  readonly depth?: number;
  readonly plain?: boolean;
  readonly subject?: string;
  readonly schemaPath?: string;
}

/** Gives each request a unique name; clashes are resolved by depth, plainness, then key. */
function assignUnique<R extends NameRequest>(
  requests: readonly R[],
  taken: Set<string>,
  onRename?: (request: R, name: string, because: string) => void,
  normalizeName: (name: string) => string = (name) => name,
): Map<string, string> {
  const rank = (r: R) => (r.plain === false ? 1 : 0);
  const ordered = [...requests].sort(
    (a, b) => (a.depth ?? 0) - (b.depth ?? 0) || rank(a) - rank(b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  const owner = new Map<string, R>();
  const out = new Map<string, string>();
  for (const request of ordered) {
    const free = (name: string) => !taken.has(normalizeName(name));
    let name = request.candidate;
    if (!free(name)) {
      name = request.alternates.find(free) ?? '';
      for (let n = 2; name === '' || !free(name); n++) name = `${request.candidate}_${n}`;
      const holder = owner.get(request.candidate);
      const by = holder?.subject ? `${holder.subject} ${holder.schemaPath ?? ''}`.trim() : undefined;
      onRename?.(request, name, by ? `${request.candidate} is taken by ${by}` : `${request.candidate} is reserved`);
    }
    taken.add(normalizeName(name));
    owner.set(name, request);
    out.set(request.key, name);
  }
  return out;
}
