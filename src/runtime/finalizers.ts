// Finalizers as JSON patches that touch only the one finalizer: each patch first tests that the
// list is still what this client read (or, with no list yet, that the object is unchanged), so a
// concurrent edit by another controller makes the patch fail instead of being overwritten; the
// helper then reads the object again and retries. A whole-list write would drop others' finalizers.
import { ApiError } from './errors.js';
import type { JsonPatchOperation, Patch, ResourceDescriptor } from './types.js';

type FinalizerMeta = {
  readonly metadata?: {
    readonly name?: string | undefined;
    readonly namespace?: string | undefined;
    readonly resourceVersion?: string | undefined;
    readonly finalizers?: readonly string[] | undefined;
  } | undefined;
};

/** The verbs the helpers use; every generated API class has them. */
export interface FinalizerApi<T> {
  readonly resource: ResourceDescriptor;
  get(name: string, options?: { readonly namespace?: string; readonly signal?: AbortSignal }): Promise<T>;
  patch(name: string, patch: Patch<T>, options?: { readonly namespace?: string; readonly signal?: AbortSignal }): Promise<T>;
}

export interface FinalizerOptions {
  readonly signal?: AbortSignal;
  /** Fresh reads and retries after a concurrent edit (default 5). */
  readonly retries?: number;
}

export function hasFinalizer(object: FinalizerMeta, finalizer: string): boolean {
  return object.metadata?.finalizers?.includes(finalizer) ?? false;
}

/**
 * Adds `finalizer` unless `object` already lists it (decided on the copy given, so a reconcile that
 * calls it every time costs no request once it is there); resolves to the object as the server has it afterwards. */
export function addFinalizer<T extends FinalizerMeta>(api: FinalizerApi<T>, object: T | FinalizerMeta, finalizer: string, options: FinalizerOptions = {}): Promise<T> {
  return edit(api, object, options, (current) => {
    const list = current.metadata?.finalizers;
    if (list?.includes(finalizer)) return undefined;
    if (list === undefined || list.length === 0) {
      // No list to test: test the whole object's version instead.
      return [
        { op: 'test', path: '/metadata/resourceVersion', value: current.metadata?.resourceVersion },
        { op: 'add', path: '/metadata/finalizers', value: [finalizer] },
      ];
    }
    return [{ op: 'test', path: '/metadata/finalizers', value: [...list] }, { op: 'add', path: '/metadata/finalizers/-', value: finalizer }];
  });
}

/** Removes `finalizer` if `object` lists it, leaving every other one (wherever it moved meanwhile). */
export function removeFinalizer<T extends FinalizerMeta>(api: FinalizerApi<T>, object: T | FinalizerMeta, finalizer: string, options: FinalizerOptions = {}): Promise<T> {
  return edit(api, object, options, (current) => {
    const list = current.metadata?.finalizers ?? [];
    const index = list.indexOf(finalizer);
    if (index < 0) return undefined;
    return [{ op: 'test', path: '/metadata/finalizers', value: [...list] }, { op: 'remove', path: `/metadata/finalizers/${index}` }];
  });
}

/** A failed test op (422) or a conflict (409): someone else changed the object meanwhile. */
const raced = (e: unknown) => e instanceof ApiError && (e.code === 409 || e.code === 422);

async function edit<T extends FinalizerMeta>(
  api: FinalizerApi<T>, object: T | FinalizerMeta, options: FinalizerOptions, ops: (current: FinalizerMeta) => JsonPatchOperation[] | undefined,
): Promise<T> {
  const name = object.metadata?.name;
  if (!name) throw new Error(`${api.resource.kind} finalizer: the object has no metadata.name`);
  const call = {
    ...(api.resource.namespaced && object.metadata?.namespace !== undefined ? { namespace: object.metadata.namespace } : {}),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  let current: T | FinalizerMeta = object;
  for (let attempt = 0; ; attempt++) {
    const body = ops(current);
    // Nothing to change: answer with the server's state when the input was only a reference.
    if (body === undefined) return current === object && object.metadata?.resourceVersion === undefined ? api.get(name, call) : (current as T);
    try {
      return await api.patch(name, { type: 'json', body }, call);
    } catch (e) {
      if (!raced(e) || attempt >= (options.retries ?? 5)) throw e;
    }
    current = await api.get(name, call);
  }
}
