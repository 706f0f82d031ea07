/**
 * Lists as kube-apiserver serves them (k8s.io/apiserver pkg/storage: ValidateListOptions, the
 * cacher's list paths, etcd3 GetList): the latest state, or the state at an exact resourceVersion
 * read from the kept history (410 once compacted), label/field selectors, and limit/continue pages
 * whose token (`{"v":"meta.k8s.io/v1","rv":N,"start":"<key>\u0000"}`, base64url) keeps reading
 * the first page's snapshot until it is compacted.
 */
import { posix } from 'node:path';
import { type JsonObject } from './json.js';
import { listOptions, parseResourceVersion, type ListOptions } from './list-options.js';
import { inVersion } from './objects.js';
import { apiVersionOf, typeKey, type ResourceRef } from './registry.js';
import { parseFieldSelector, parseLabelSelector } from './selectors.js';
import { StatusError, badRequest, expired, type StatusBody } from './status.js';
import { identity, type ObjectStore } from './store.js';

interface ListPage {
  /** Objects in the requested version. */
  readonly items: JsonObject[];
  readonly metadata: JsonObject;
}

/** etcd3's words (k8s.io/apiserver pkg/storage/etcd3/errors.go). */
const LIST_EXPIRED = 'The resourceVersion for the provided list is too old.';
const CONTINUE_INCONSISTENT =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without ' +
  'the continue parameter, or use the continue token in this response to retrieve the remainder of the results. ' +
  'Continuing with the provided token results in an inconsistent list - objects that were created, modified, or ' +
  'deleted between the time the first chunk was returned and now may show up in the list.';

/** 410 for a continue token whose snapshot is compacted, carrying a token that continues at the latest state (rv -1). */
class ExpiredContinue extends StatusError {
  constructor(readonly token: string) {
    super(410, 'Expired', CONTINUE_INCONSISTENT);
  }

  override toStatus(): StatusBody {
    return { ...super.toStatus(), metadata: { continue: this.token } };
  }
}

/** Where a list reads: a resourceVersion (undefined: the latest state) and the key to start at. */
interface ReadPoint {
  readonly rv: number | undefined;
  readonly start: string;
}

/**
 * One page of the objects of `ref` in `namespace` (all when undefined) that match the selectors in
 * `query`, read where its resourceVersion, resourceVersionMatch and continue say.
 */
export function listObjects(store: ObjectStore, ref: ResourceRef, namespace: string | undefined, query: URLSearchParams): ListPage {
  const options = listOptions(query, false);
  const labels = parseLabelSelector(query.get('labelSelector'));
  const fields = parseFieldSelector(query.get('fieldSelector'));
  const point = readPoint(store, options);
  const key = typeKey(ref.type);
  const source = point.rv === undefined ? store.list(key, namespace) : store.listAt(key, namespace, point.rv);
  const relative = relativeKey(namespace === undefined && ref.type.namespaced);
  const matching = source.filter((o) => relative(o) >= point.start && labels(o) && fields(o));
  const page = options.limit > 0 ? matching.slice(0, options.limit) : matching;
  const rest = matching.length - page.length;
  const last = page[page.length - 1];
  const rv = point.rv ?? store.resourceVersion;
  const metadata: JsonObject = { resourceVersion: String(rv) };
  if (rest > 0 && last) {
    metadata.continue = encodeContinue(rv, `${relative(last)}\u0000`);
    // As etcd3's PrepareContinueToken: the count is exact only without selectors, so only then is it sent.
    const selected = (query.get('labelSelector') ?? '').trim() !== '' || (query.get('fieldSelector') ?? '').trim() !== '';
    if (!selected) metadata.remainingItemCount = rest;
  }
  return { items: page.map((o) => inVersion(o, ref)), metadata };
}

export function listBody(ref: ResourceRef, page: ListPage): JsonObject {
  return {
    apiVersion: apiVersionOf(ref.type.group, ref.version.name),
    kind: ref.type.listKind,
    metadata: page.metadata,
    items: page.items,
  };
}

function readPoint(store: ObjectStore, options: ListOptions): ReadPoint {
  if (options.continueToken !== '') {
    const token = decodeContinue(options.continueToken);
    if (options.resourceVersion !== '' && options.resourceVersion !== '0') {
      throw badRequest('specifying resource version is not allowed when using continue');
    }
    if (token.rv < 0) return { rv: undefined, start: token.start };
    if (token.rv < store.compactedResourceVersion) throw new ExpiredContinue(encodeContinue(-1, token.start));
    checkNotFuture(store, token.rv);
    return { rv: token.rv, start: token.start };
  }
  if (options.resourceVersion === '') return { rv: undefined, start: '' };
  const parsed = parseResourceVersion(options.resourceVersion);
  if (typeof parsed === 'string') throw badRequest(`invalid resource version: ${parsed}`);
  if (parsed === 0) return { rv: undefined, start: '' };
  checkNotFuture(store, parsed);
  // Exact, or the legacy reading of a resourceVersion with a limit (an exact snapshot); else "not older than".
  const exact = options.resourceVersionMatch === 'Exact' || (options.resourceVersionMatch === '' && options.limit > 0);
  if (!exact) return { rv: undefined, start: '' };
  if (parsed < store.compactedResourceVersion) throw expired(LIST_EXPIRED);
  return { rv: parsed, start: '' };
}

/**
 * A resourceVersion newer than any the server has handed out: 504 as the watch cache answers once
 * it gave up waiting for it (storage.NewTooLargeResourceVersionError); here without the 3 s wait.
 */
function checkNotFuture(store: ObjectStore, rv: number): void {
  if (rv <= store.resourceVersion) return;
  throw new StatusError(504, 'Timeout', `Timeout: Too large resource version: ${rv}, current: ${store.resourceVersion}`, {
    causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
    retryAfterSeconds: 1,
  });
}

/** An object's key below the list's prefix: `namespace/name` across namespaces, else `name`. */
function relativeKey(acrossNamespaces: boolean): (object: JsonObject) => string {
  return (object) => {
    const { namespace, name } = identity(object);
    return acrossNamespaces ? `${namespace}/${name}` : name;
  };
}

function encodeContinue(rv: number, start: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start })).toString('base64url');
}

/** storage.DecodeContinue's checks and messages, each answered 400 `invalid continue token: ...`. */
function decodeContinue(text: string): { rv: number; start: string } {
  const invalid = (why: string): StatusError => badRequest(`invalid continue token: continue key is not valid${why}`);
  const bad = /[^A-Za-z0-9_-]/.exec(text);
  if (bad || text.length % 4 === 1) throw invalid(`: illegal base64 data at input byte ${bad ? bad.index : text.length - 1}`);
  let token: unknown;
  try {
    token = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid(': invalid character looking for beginning of value');
  }
  const { v, rv, start } = (typeof token === 'object' && token !== null ? token : {}) as Record<string, unknown>;
  if (v !== 'meta.k8s.io/v1') throw invalid(`: server does not recognize this encoded version ${typeof v === 'string' ? v : ''}`);
  if (typeof rv !== 'number' || !Number.isInteger(rv) || rv === 0) {
    throw invalid(': incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
  if (typeof start !== 'string' || start === '') throw invalid(': encoded start key empty (version meta.k8s.io/v1)');
  // A start key that path cleaning would change could reach outside the listed prefix.
  const key = start.startsWith('/') ? start : `/${start}`;
  const cleaned = posix.normalize(key).replace(/(.)\/$/, '$1');
  if (cleaned !== key) throw invalid(`: ${start}`);
  return { rv, start: cleaned.slice(1) };
}
