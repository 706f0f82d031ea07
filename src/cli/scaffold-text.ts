/**
 * The files `crdgen scaffold` writes: an editable subclass per kind and an index. They start with
 * a scaffold banner holding a checksum of the rest, so `--force` can tell a file nobody has
 * touched (replaceable) from one a user edited (never replaced). They never carry the generated
 * banner: `generate --clean` and `--check` must leave them alone.
 */
import { createHash } from 'node:crypto';
import { camelCase, isIdentifier } from '../generator/plan/naming.js';

/** What scaffold needs to know of one generated kind file. */
export interface ScaffoldKind {
  /** Absolute path of the generated kind file. */
  readonly file: string;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  /** The generated class, e.g. `ExporterApi`. */
  readonly apiName: string;
  /** The root interface's own properties (spec, status, ...), in order. */
  readonly properties: readonly string[];
  /** Generated with validators (`validate<Kind>` exported). */
  readonly validators: boolean;
}

const PREFIX = '// Scaffolded by crdgen; yours to edit. crdgen never overwrites an edited file';

function scaffoldBanner(body: string): string {
  return `${PREFIX} (sha256:${checksum(body)}).`;
}

const checksum = (body: string): string => createHash('sha256').update(body).digest('hex').slice(0, 16);

/** True when `text` is a scaffolded file that nobody has edited since (its checksum still holds). */
export function isUntouchedScaffold(text: string): boolean {
  const newline = text.indexOf('\n');
  if (newline < 0 || !text.startsWith(PREFIX)) return false;
  return text.slice(0, newline) === scaffoldBanner(text.slice(newline + 1));
}

export const withBanner = (body: string): string => `${scaffoldBanner(body)}\n${body}`;

/** `ExporterApi` -> `ExporterClient`. */
const clientName = (apiName: string): string => `${apiName.replace(/Api$/, '')}Client`;

const VALIDATE_WRITES = [
  '  // Every create, replace, update and apply is checked here first, as with { validate: true }: a',
  "  // body the API server would refuse fails with its 422 before it is sent (crdgen scaffold",
  '  // --validators). Pass { validate: false } to send one unchecked.',
  '  protected override readonly validateWrites = true;',
  '',
];

/** The editable subclass of one kind, importing the generated class from `importPath`; `validateWrites`: checked writes by default. */
export function clientFile(kind: ScaffoldKind, importPath: string, validateWrites = false): string {
  const base = kind.apiName.replace(/Api$/, '');
  const name = clientName(kind.apiName);
  const local = camelCase(base);
  const variable = isIdentifier(local) && !['name', 'core', 'configMap'].includes(local) ? local : 'found';
  const part = ['spec', 'status'].find((p) => kind.properties.includes(p)) ?? kind.properties.find((p) => /^[a-z][A-Za-z0-9]*$/.test(p) && !['apiVersion', 'kind', 'metadata'].includes(p));
  const partExample = part === undefined ? [] : [
    `  // /** The ${part} of the named ${kind.kind}. */`,
    `  // async get${base}${part.charAt(0).toUpperCase()}${part.slice(1)}(name: string) {`,
    `  //   const ${variable} = await this.get(name);`,
    `  //   return ${variable}.${part};`,
    '  // }',
    '  //',
  ];
  const body = [
    `import { ${kind.apiName} } from '${importPath}';`,
    "// import { CoreV1Api } from '@kubernetes/client-node';",
    '',
    '/**',
    ` * ${kind.kind} objects (${kind.group}/${kind.version}): every verb of the generated ${kind.apiName} (get, list,`,
    ' * watch, create, apply, patch, delete, waitFor, update, ...), plus the methods you add here.',
    ' */',
    `export class ${name} extends ${kind.apiName} {`,
    ...(validateWrites ? VALIDATE_WRITES : []),
    '  // Add the methods your code needs. Examples to start from:',
    '  //',
    ...partExample,
    `  // /** The data of the ConfigMap named like the ${kind.kind} (uncomment the CoreV1Api import). */`,
    `  // async get${base}Config(name: string): Promise<Record<string, string>> {`,
    '  //   const core = this.kubeConfig.makeApiClient(CoreV1Api);',
    '  //   const configMap = await core.readNamespacedConfigMap({ name, namespace: this.namespace });',
    '  //   return configMap.data ?? {};',
    '  // }',
    '}',
    '',
  ].join('\n');
  return withBanner(body);
}

/** The index: one `export *` per client file (`./exporter.js`), sorted. */
export function indexFile(modules: readonly string[]): string {
  return withBanner([...new Set(modules)].sort().map((m) => `export * from '${m}';`).join('\n') + '\n');
}

/** The modules an index file exports (`./exporter.js`, ...). */
export function indexModules(text: string): string[] {
  return [...text.matchAll(/^export \* from '([^']+)';$/gm)].map((m) => m[1] as string);
}
