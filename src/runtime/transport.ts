// Per-request plumbing on top of client-node: abort signal, extra headers and query parameters,
// and a record of the request for error messages. Done with an Observable middleware because
// that is the one hook that exists, with the same shape, in client-node 1.4 and 2.x.
import {
  Observable,
  type ConfigurationOptions,
  type ObservableMiddleware,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';
import type { RequestInfo } from './errors.js';

export interface RequestTweaks {
  readonly signal: AbortSignal;
  /** Headers to set, e.g. the patch Content-Type (client-node defaults to json-patch). */
  readonly headers?: { readonly [name: string]: string };
  /** Query parameters client-node has no parameter for (fieldSelector on cluster deleteCollection). */
  readonly query?: { readonly [name: string]: string };
}

/** Builds call options for one request; `info` is filled in when the request is sent. */
export function requestOptions(tweaks: RequestTweaks, info: RequestInfo): ConfigurationOptions {
  const middleware: ObservableMiddleware = {
    pre: (ctx: RequestContext) => {
      ctx.setSignal(tweaks.signal);
      for (const [name, value] of Object.entries(tweaks.headers ?? {})) ctx.setHeaderParam(name, value);
      for (const [name, value] of Object.entries(tweaks.query ?? {})) ctx.setQueryParam(name, value);
      info.method = ctx.getHttpMethod();
      info.url = ctx.getUrl();
      return new Observable(Promise.resolve(ctx));
    },
    post: (rsp: ResponseContext) => new Observable(Promise.resolve(rsp)),
  };
  return { middleware: [middleware], middlewareMergeStrategy: 'append' };
}

/** Per source signal: the linked controllers that abort with it (one listener on the source, ever). */
const followers = new WeakMap<AbortSignal, Set<AbortController>>();

interface LinkedSignal {
  readonly signal: AbortSignal;
  /** Unlinks the signal from its sources: call it when the work it guards has ended. */
  release(): void;
}

/**
 * A fresh signal that aborts when any source does. Fresh per call because the transport adds an
 * abort listener per request: one shared signal would collect a listener per concurrent call
 * (MaxListenersExceededWarning past 10). Each source gets a single listener however many calls
 * follow it, and a released link leaves nothing behind (on Node 20, AbortSignal.any keeps a
 * little memory per derived signal for as long as its sources live, which for an API object's
 * lifetime signal is forever).
 */
export function linkSignals(...sources: readonly (AbortSignal | undefined)[]): LinkedSignal {
  const controller = new AbortController();
  const joined: Set<AbortController>[] = [];
  for (const source of sources) {
    if (source === undefined) continue;
    if (source.aborted) {
      controller.abort(source.reason);
      break;
    }
    let set = followers.get(source);
    if (set === undefined) {
      const members = new Set<AbortController>();
      set = members;
      followers.set(source, members);
      source.addEventListener('abort', () => {
        for (const c of members) c.abort(source.reason);
        members.clear();
      }, { once: true });
    }
    set.add(controller);
    joined.push(set);
  }
  return {
    signal: controller.signal,
    release: () => {
      for (const set of joined) set.delete(controller);
    },
  };
}

/** The same events; the link is released when the consumer is done with them. */
export async function* releasing<E>(events: AsyncGenerator<E, void, undefined>, link: LinkedSignal): AsyncGenerator<E, void, undefined> {
  try {
    yield* events;
  } finally {
    link.release();
  }
}

/** Drops undefined values, so optional parameters stay absent (exactOptionalPropertyTypes). */
export function defined<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: { [key: string]: unknown } = {};
  for (const [key, value] of Object.entries(o)) if (value !== undefined) out[key] = value;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}

export const PATCH_CONTENT_TYPE = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;
