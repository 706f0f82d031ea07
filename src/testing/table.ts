/**
 * `meta.k8s.io/v1` Table output (what `kubectl get` asks for): a Name column plus the version's
 * additionalPrinterColumns (Age when it declares none), dates pre-rendered as `5s`, `3m2s`, `4d`.
 */
import { isObject, objectAt, type JsonObject } from './json.js';
import type { TableColumn, ResourceRef } from './registry.js';

/** True when the Accept header asks for a Table (`application/json;as=Table;v=v1;g=meta.k8s.io`). */
export function wantsTable(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((part) => {
    const params = part.split(';').map((p) => p.trim());
    return params.includes('as=Table') && params.includes('g=meta.k8s.io');
  });
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export function parseIncludeObject(value: string | null): IncludeObject {
  return value === 'None' || value === 'Object' ? value : 'Metadata';
}

interface TableOptions {
  readonly includeObject: IncludeObject;
  /** Omit columnDefinitions (later watch events; `?noHeaders` isn't needed by kubectl). */
  readonly noHeaders?: boolean;
  readonly now?: Date;
}

function columnDefinitions(columns: readonly TableColumn[]): JsonObject[] {
  return [
    { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.', priority: 0 },
    ...columns.map((c) => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description: c.description ?? `Custom resource definition column (in JSONPath format): ${c.jsonPath}`,
      priority: c.priority ?? 0,
    })),
  ];
}

export function toTable(
  ref: ResourceRef,
  objects: readonly JsonObject[],
  listMeta: JsonObject,
  options: TableOptions,
): JsonObject {
  const columns = ref.version.printerColumns;
  const now = options.now ?? new Date();
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: options.noHeaders ? null : columnDefinitions(columns),
    rows: objects.map((object) => tableRow(object, columns, options.includeObject, now)),
  };
}

function tableRow(object: JsonObject, columns: readonly TableColumn[], include: IncludeObject, now: Date): JsonObject {
  const metadata = objectAt(object, 'metadata');
  const cells = [metadata.name ?? '', ...columns.map((c) => cell(c, c.compute ? c.compute(object) : jsonPathFirst(object, c.jsonPath), now))];
  const row: JsonObject = { cells };
  if (include === 'Object') row.object = object;
  if (include === 'Metadata') {
    row.object = { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata };
  }
  return row;
}

function cell(column: TableColumn, value: unknown, now: Date): unknown {
  if (value === undefined || value === null) return null;
  switch (column.type) {
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date': {
      if (typeof value !== 'string') return null;
      const time = Date.parse(value);
      return Number.isNaN(time) ? '<invalid>' : humanDuration(now.getTime() - time);
    }
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

/** Kubernetes' HumanDuration: `45s`, `3m2s`, `15m`, `5h3m`, `30h`, `6d4h`, `120d`, `3y20d`, `9y`. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(seconds / 3600);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 192) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const years = Math.floor(hours / 24 / 365);
  if (years < 8) {
    const d = Math.floor(hours / 24) - years * 365;
    return d === 0 ? `${years}y` : `${years}y${d}d`;
  }
  return `${years}y`;
}

/**
 * The first value a simple JSONPath (as printer columns use) selects: `.a.b`, `.a[0]`, `.a[*].b`,
 * `.a['x.y']`, `.a[?(@.type=="Ready")].status`. Undefined when nothing matches.
 */
export function jsonPathFirst(object: unknown, path: string): unknown {
  let results: unknown[] = [object];
  for (const step of jsonPathSteps(path.replace(/^\{|\}$/g, '').trim())) {
    results = results.flatMap((value) => step(value));
  }
  return results[0];
}

type Step = (value: unknown) => unknown[];

function jsonPathSteps(path: string): Step[] {
  const steps: Step[] = [];
  let rest = path.startsWith('$') ? path.slice(1) : path;
  while (rest.length > 0) {
    let m: RegExpExecArray | null;
    if ((m = /^\.([^.[\]]+)/.exec(rest))) {
      steps.push(field(m[1] ?? ''));
    } else if ((m = /^\[(?:'([^']*)'|"([^"]*)")\]/.exec(rest))) {
      steps.push(field(m[1] ?? m[2] ?? ''));
    } else if ((m = /^\[\*\]/.exec(rest))) {
      steps.push((v) => (Array.isArray(v) ? v : isObject(v) ? Object.values(v) : []));
    } else if ((m = /^\[(-?\d+)\]/.exec(rest))) {
      const index = Number(m[1]);
      steps.push((v) => (Array.isArray(v) ? [v.at(index)].filter((x) => x !== undefined) : []));
    } else if ((m = /^\[\?\(@\.([\w.-]+)\s*(==|!=)\s*(?:'([^']*)'|"([^"]*)"|([\w.-]+))\)\]/.exec(rest))) {
      const keys = (m[1] ?? '').split('.');
      const op = m[2];
      const expected = m[3] ?? m[4] ?? m[5] ?? '';
      steps.push((v) =>
        (Array.isArray(v) ? v : []).filter((item) => {
          const found = keys.reduce<unknown>((acc, k) => (isObject(acc) ? acc[k] : undefined), item);
          return op === '==' ? String(found) === expected : String(found) !== expected;
        }),
      );
    } else {
      return [() => []];
    }
    rest = rest.slice(m[0].length);
  }
  return steps;
}

function field(name: string): Step {
  return (v) => (isObject(v) && v[name] !== undefined ? [v[name]] : []);
}
