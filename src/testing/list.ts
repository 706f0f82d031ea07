/** Lists with label/field selectors and limit/continue pages (an opaque token). */
import { identity, type ObjectStore } from './store.js';
import { type JsonObject } from './json.js';
import { inVersion } from './objects.js';
import { apiVersionOf, typeKey, type ResourceRef } from './registry.js';
import { parseFieldSelector, parseLabelSelector } from './selectors.js';
import { badRequest } from './status.js';

export interface ListPage {
  /** Objects in the requested version. */
  readonly items: JsonObject[];
  readonly metadata: JsonObject;
}

interface ContinueToken {
  readonly rv: number;
  readonly after: string;
}

/**
 * One page of the objects of `ref` in `namespace` (all when undefined) that match the selectors in
 * `query`. Simplified: a continued list reads the current state (not a snapshot) but reports the
 * first page's resourceVersion.
 */
export function listObjects(store: ObjectStore, ref: ResourceRef, namespace: string | undefined, query: URLSearchParams): ListPage {
  const labels = parseLabelSelector(query.get('labelSelector'));
  const fields = parseFieldSelector(query.get('fieldSelector'));
  const limitText = query.get('limit');
  const limit = limitText === null || limitText === '' ? 0 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 0) throw badRequest(`invalid limit: ${JSON.stringify(limitText)}`);
  const token = decodeContinue(query.get('continue'));
  const rv = token?.rv ?? store.resourceVersion;
  const matching = store
    .list(typeKey(ref.type), namespace)
    .filter((o) => labels(o) && fields(o))
    .filter((o) => token === undefined || sortKey(o) > token.after);
  const page = limit > 0 ? matching.slice(0, limit) : matching;
  const rest = matching.length - page.length;
  const last = page[page.length - 1];
  const metadata: JsonObject = { resourceVersion: String(rv) };
  if (rest > 0 && last) {
    metadata.continue = encodeContinue({ rv, after: sortKey(last) });
    // etcd3's GetList counts the rest only when nothing filters it (`if pred.Empty()`).
    if (!selecting(query)) metadata.remainingItemCount = rest;
  }
  return { items: page.map((o) => inVersion(o, ref)), metadata };
}

function selecting(query: URLSearchParams): boolean {
  return (query.get('labelSelector') ?? '').trim() !== '' || (query.get('fieldSelector') ?? '').trim() !== '';
}

export function listBody(ref: ResourceRef, page: ListPage): JsonObject {
  return {
    apiVersion: apiVersionOf(ref.type.group, ref.version.name),
    kind: ref.type.listKind,
    metadata: page.metadata,
    items: page.items,
  };
}

function sortKey(object: JsonObject): string {
  const { namespace, name } = identity(object);
  return `${namespace}/${name}`;
}

function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'crdgen/1', ...token })).toString('base64url');
}

function decodeContinue(text: string | null): ContinueToken | undefined {
  if (text === null || text === '') return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<ContinueToken> & { v?: string };
    if (parsed.v === 'crdgen/1' && typeof parsed.rv === 'number' && typeof parsed.after === 'string') {
      return { rv: parsed.rv, after: parsed.after };
    }
  } catch {
    // reported below
  }
  throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
}
