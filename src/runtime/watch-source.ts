// Where the watch loop gets its lists and connections from: the API class's paged list and
// client-node's Watch on the collection path. Every connection asks the server to end it after
// `timeoutSeconds`, so no connection lives unbounded even when nothing else notices a problem.
import { Watch, type KubeConfig } from '@kubernetes/client-node';
import { decodeEvent } from './meta.js';
import { mapEvents, openStream } from './stream.js';
import type { WatchSource } from './watch.js';

/** client-go's reflector: each watch asks for a lifetime random in [min, 2*min], min = 5 minutes. */
const MIN_WATCH_TIMEOUT_SECONDS = 300;

function watchTimeoutSeconds(random: () => number = Math.random): number {
  return Math.min(2 * MIN_WATCH_TIMEOUT_SECONDS, Math.floor(MIN_WATCH_TIMEOUT_SECONDS * (1 + random())));
}

interface SourceParams<T> {
  readonly kubeConfig: KubeConfig;
  /** The collection path, e.g. /apis/g/v/namespaces/ns/plural */
  readonly path: string;
  readonly labelSelector?: string | undefined;
  readonly fieldSelector?: string | undefined;
  /** Fixed lifetime of every connection; default watchTimeoutSeconds() per connection. */
  readonly timeoutSeconds?: number | undefined;
  readonly list: WatchSource<T>['list'];
}

export function watchSource<T>(p: SourceParams<T>): WatchSource<T> {
  const watcher = new Watch(p.kubeConfig);
  return {
    request: { method: 'GET', url: `${p.kubeConfig.getCurrentCluster()?.server ?? ''}${p.path}` },
    list: p.list,
    open: (resourceVersion, signal) => mapEvents(openStream(watcher, p.path, {
      resourceVersion, allowWatchBookmarks: true, labelSelector: p.labelSelector,
      fieldSelector: p.fieldSelector, timeoutSeconds: p.timeoutSeconds ?? watchTimeoutSeconds(),
    }, signal), decodeEvent),
  };
}

/** Every item of every page, and the resourceVersion of the list (from the last page). */
export async function collectPages<T>(
  pages: AsyncIterable<{ readonly items: T[]; readonly metadata?: { readonly resourceVersion?: string } | undefined }>,
): Promise<{ items: T[]; resourceVersion: string | undefined }> {
  const items: T[] = [];
  let resourceVersion: string | undefined;
  for await (const page of pages) {
    items.push(...page.items);
    resourceVersion = page.metadata?.resourceVersion;
  }
  return { items, resourceVersion };
}
