// One watch connection as an async iterator, on top of client-node's callback-based Watch.
// Watch is used rather than a hand-made request because it applies the kubeconfig's TLS and
// auth settings with the transport of whichever client-node version is installed.
import type { Watch } from '@kubernetes/client-node';

export interface RawEvent {
  readonly type: string;
  readonly object: unknown;
}

/** How a connection ended: closed by the server, failed, or stopped by us. */
export type StreamEnd =
  | { readonly kind: 'closed' }
  | { readonly kind: 'error'; readonly error: unknown }
  | { readonly kind: 'aborted' };

type WatchQuery = { readonly [name: string]: string | number | boolean | undefined };

/**
 * Yields the events of one connection and returns how it ended. Events that arrive faster than a slow
 * consumer reads them are queued (Watch has no backpressure). Leaving the loop early closes the
 * connection.
 */
export async function* openStream(
  watch: Watch,
  path: string,
  query: WatchQuery,
  signal: AbortSignal,
): AsyncGenerator<RawEvent, StreamEnd, undefined> {
  const queue: RawEvent[] = [];
  let end: StreamEnd | undefined;
  let finished = false;
  let controller: AbortController | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const finish = (e: StreamEnd) => {
    end ??= e;
    notify();
  };
  const onAbort = () => {
    controller?.abort();
    finish({ kind: 'aborted' });
  };
  signal.addEventListener('abort', onAbort, { once: true });
  if (signal.aborted) onAbort();
  else {
    start(watch, path, query, {
      event: (event) => {
        queue.push(event);
        notify();
      },
      end: finish,
      // Watch resolves the controller only once response headers arrived; until then an abort
      // can only be remembered and applied when it does.
      connected: (c) => {
        controller = c;
        if (finished || signal.aborted) c.abort();
      },
    });
  }
  try {
    for (;;) {
      if (signal.aborted) return { kind: 'aborted' };
      const next = queue.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      if (end !== undefined) return end;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    finished = true;
    signal.removeEventListener('abort', onAbort);
    controller?.abort();
  }
}

interface StreamCallbacks {
  event(event: RawEvent): void;
  end(end: StreamEnd): void;
  connected(controller: AbortController): void;
}

/** Opens the connection with client-node's callback API. */
function start(watch: Watch, path: string, query: WatchQuery, on: StreamCallbacks): void {
  watch
    .watch(
      path,
      query,
      (type: string, object: unknown) => on.event({ type, object }),
      (err: unknown) => on.end(err === null || err === undefined ? { kind: 'closed' } : { kind: 'error', error: err }),
    )
    .then(
      (c) => on.connected(c),
      (err: unknown) => on.end({ kind: 'error', error: err }),
    );
}

/** The same connection with every event's object passed through `decode`; closing it closes `inner`. */
export async function* mapEvents(
  inner: AsyncGenerator<RawEvent, StreamEnd, undefined>,
  decode: (event: RawEvent) => unknown,
): AsyncGenerator<RawEvent, StreamEnd, undefined> {
  try {
    for (;;) {
      const next = await inner.next();
      if (next.done) return next.value;
      yield { type: next.value.type, object: decode(next.value) };
    }
  } finally {
    await inner.return({ kind: 'aborted' });
  }
}
