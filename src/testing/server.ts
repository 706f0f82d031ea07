/** `startTestApiServer`: the HTTP server, its request log, authentication and fault injection. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { KubeConfig } from '@kubernetes/client-node';
import type { ServerContext } from './server-context.js';
import { builtinHooks } from './builtin-hooks.js';
import { BUILTIN_TYPES, INITIAL_NAMESPACES, NAMESPACE_TYPE } from './builtins.js';
import { crdHooks, crdRef, CRD_TYPE, toV1Crd } from './crds.js';
import { Faults } from './faults.js';
import { DEFAULT_MAX_REQUEST_BODY_BYTES } from './body.js';
import { GarbageCollector } from './gc.js';
import { header, sendReply, type ApiRequest, type Reply } from './http.js';
import { isObject, type JsonObject } from './json.js';
import { kubeConfigFor, kubeConfigYaml } from './kubeconfig.js';
import { Objects, type TypeHooks } from './objects.js';
import { namespaceAdmission, NamespaceController, namespaceHooks, NAMESPACES_KEY } from './namespaces.js';
import { Registry, typeKey } from './registry.js';
import { DEFAULT_REQUEST_LOG, readRequest, recordRequest, type RecordedRequest, type RequestLogOptions } from './requests.js';
import { route } from './router.js';
import { StatusError, reasonFor, unauthorized } from './status.js';
import { ObjectStore } from './store.js';
import { WatchHub } from './watch.js';

export interface TestApiServerOptions {
  /** CustomResourceDefinitions (parsed objects, apiextensions.k8s.io/v1; v1beta1 is lifted) to serve from the start. */
  readonly crds?: readonly object[];
  /** When set, every request but health checks needs `Authorization: Bearer <token>` (else 401). */
  readonly token?: string;
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  readonly port?: number;
  /**
   * How many change events the server keeps (default 1000): watches resume from them, and lists at
   * an exact resourceVersion or continued from a token are read from them; anything older gets 410.
   */
  readonly eventHistorySize?: number;
  /** How often watches with allowWatchBookmarks=true get a BOOKMARK (default 60 000 ms). */
  readonly bookmarkIntervalMs?: number;
  /**
   * Namespaces to create at start besides the four every cluster has (default, kube-node-lease,
   * kube-public, kube-system). Writes into any other namespace get 404 until it is created.
   */
  readonly namespaces?: readonly string[];
  /** Request bodies larger than this get 413, as kube-apiserver's --max-request-body-bytes (default 3 MiB). */
  readonly maxRequestBodyBytes?: number;
  /** What `requests` keeps (default: the last 1000 requests, 64 KiB of each body). */
  readonly requestLog?: RequestLogOptions;
  /**
   * A watch without timeoutSeconds ends after a random time between this and twice this, as with
   * kube-apiserver's --min-request-timeout (default 1800 s); tests set it short to see watches end.
   */
  readonly minRequestTimeoutSeconds?: number;
  /**
   * A watcher whose unread output passes this many bytes is ended, as kube-apiserver ends watchers
   * that cannot keep up, so clients that stop reading do not grow the server (default 1 MiB).
   */
  readonly watchBufferBytes?: number;
}

export type { RecordedRequest } from './requests.js';

export interface TestApiServer extends AsyncDisposable {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** A client-node KubeConfig for this server (insecure-skip-tls-verify, token user when a token is set). */
  readonly kubeConfig: KubeConfig;
  /** The same configuration as kubeconfig YAML, for kubectl (`--kubeconfig`). */
  readonly kubeConfigYaml: string;
  readonly faults: Faults;
  /** The last requests received (see `requestLog`), oldest first; clear with `requests.length = 0`. */
  readonly requests: RecordedRequest[];
  /**
   * Compacts the history as etcd does: lists at an older resourceVersion, continue tokens from before
   * it and watches from before it get 410 Expired. Default: everything up to now.
   */
  compact(resourceVersion?: string): void;
  /**
   * Registers a CRD as `POST .../customresourcedefinitions` would; throws on an invalid one.
   * Returns the warnings of that POST (one per CEL rule this server cannot evaluate).
   */
  addCrd(crd: object): readonly string[];
  /** Ends watches, drops connections and stops listening. */
  close(): Promise<void>;
}

const HEALTH_PATHS = new Set(['/healthz', '/readyz', '/livez']);

interface ServerParts {
  readonly ctx: ServerContext;
  readonly faults: Faults;
  readonly controllers: readonly { stop(): void }[];
}

/** The registry, store, watches, object hooks and controllers one server runs on. */
function createParts(options: TestApiServerOptions): ServerParts {
  const registry = new Registry();
  registry.set(CRD_TYPE);
  for (const type of BUILTIN_TYPES) registry.set(type);
  const store = new ObjectStore(options.eventHistorySize ?? 1000);
  const watches = new WatchHub(store, {
    bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000,
    minRequestTimeoutSeconds: options.minRequestTimeoutSeconds ?? 1800,
    bufferBytes: options.watchBufferBytes ?? 1024 * 1024,
  });
  const hooks = new Map<string, TypeHooks>([
    [typeKey(CRD_TYPE), crdHooks(registry, store, watches)],
    [NAMESPACES_KEY, namespaceHooks()],
    ...builtinHooks(),
  ]);
  const faults = new Faults(watches);
  const objects = new Objects(store, hooks, namespaceAdmission(store));
  createInitialNamespaces(objects, options.namespaces ?? []);
  const controllers = [new NamespaceController(registry, store, objects), new GarbageCollector(registry, store, objects)];
  const ctx: ServerContext = {
    registry,
    store,
    objects,
    watches,
    watchEventLimit: (request) => faults.takeWatchLimit(request),
  };
  return { ctx, faults, controllers };
}

export async function startTestApiServer(options: TestApiServerOptions = {}): Promise<TestApiServer> {
  const { ctx, faults, controllers } = createParts(options);
  const requests: RecordedRequest[] = [];
  const logOptions = { ...DEFAULT_REQUEST_LOG, ...options.requestLog };
  const addCrd = (crd: object): readonly string[] => {
    const body = toV1Crd(crd as JsonObject);
    try {
      return ctx.objects.create(crdRef(), '', body, { dryRun: false, fieldValidation: 'Ignore' }).warnings;
    } catch (error) {
      const name = isObject(body.metadata) ? String(body.metadata.name ?? '') : '';
      throw new Error(`cannot register CRD ${JSON.stringify(name)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  for (const crd of options.crds ?? []) addCrd(crd);

  const sockets = new Set<Socket>();
  const server = createServer({ noDelay: true, keepAlive: true }, (req, res) => {
    void serve({ ctx, faults, requests, logOptions, options }, req, res).catch((error: unknown) => {
      // A client that went away mid-request leaves nothing to answer; anything else is a 500 Status.
      if (res.headersSent || res.destroyed) res.destroy();
      else sendReply(res, statusReply(new StatusError(500, 'InternalError', internalMessage(error))));
    });
  });
  // Node closes an idle keep-alive connection after 5 s; a client whose event loop was busy longer
  // (a loaded machine, a synchronous addCrd) can send on it just as it closes and get ECONNRESET.
  server.keepAliveTimeout = 120_000;
  server.on('clientError', answerMalformed);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const port = await listen(server, options.port ?? 0);
  const url = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      for (const controller of controllers) controller.stop();
      ctx.watches.endAll();
      server.close(() => resolve());
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
    });
    return closing;
  };
  return {
    url,
    port,
    kubeConfig: kubeConfigFor(url, options.token),
    kubeConfigYaml: kubeConfigYaml(url, options.token),
    faults,
    requests,
    compact: (resourceVersion) => ctx.store.compact(resourceVersion === undefined ? undefined : Number(resourceVersion)),
    addCrd,
    close,
    [Symbol.asyncDispose]: close,
  };
}

interface Serving {
  readonly ctx: ServerContext;
  readonly faults: Faults;
  readonly requests: RecordedRequest[];
  readonly logOptions: typeof DEFAULT_REQUEST_LOG;
  readonly options: TestApiServerOptions;
}

/** One request: read and recorded, then injected faults, then the bearer token, then the route. */
async function serve(serving: Serving, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { ctx, faults, requests, logOptions, options } = serving;
  let request: ApiRequest;
  try {
    request = await readRequest(req, options.maxRequestBodyBytes ?? DEFAULT_MAX_REQUEST_BODY_BYTES);
  } catch (error) {
    if (!(error instanceof StatusError)) throw error;
    sendReply(res, statusReply(error));
    return;
  }
  recordRequest(requests, request, logOptions);
  if (faults.takeReset(request)) {
    req.socket.destroy();
    return;
  }
  const delay = faults.takeDelay(request);
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  const failure = faults.takeFailure(request);
  if (failure) {
    const retry = failure.retryAfterSeconds;
    const error = new StatusError(
      failure.status,
      failure.reason ?? reasonFor(failure.status),
      failure.message ?? `injected failure (HTTP ${failure.status})`,
      retry !== undefined ? { retryAfterSeconds: retry } : undefined,
      retry !== undefined ? { 'retry-after': String(retry) } : {},
    );
    sendReply(res, statusReply(error));
    return;
  }
  try {
    if (options.token && !HEALTH_PATHS.has(request.path) && header(request, 'authorization') !== `Bearer ${options.token}`) {
      throw unauthorized();
    }
    const result = route(ctx, request, res);
    if (result !== 'streaming') sendReply(res, result);
  } catch (error) {
    if (res.headersSent) {
      res.end();
      return;
    }
    sendReply(res, statusReply(asApiError(error)));
  }
}

/** Listens on 127.0.0.1 and returns the port (a free one for 0). */
async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

function createInitialNamespaces(objects: Objects, extra: readonly string[]): void {
  const ref = { type: NAMESPACE_TYPE, version: NAMESPACE_TYPE.versions[0] };
  if (!ref.version) return;
  for (const name of new Set([...INITIAL_NAMESPACES, ...extra])) {
    const body = { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
    objects.create({ type: ref.type, version: ref.version }, '', body, { dryRun: false, fieldValidation: 'Strict' });
  }
}

function statusReply(error: StatusError): Reply {
  return { code: error.code, body: error.toStatus(), headers: error.headers };
}

/** A stack overflow can only come from input nested too deeply: the client's fault, not a 500. */
function asApiError(error: unknown): StatusError {
  if (error instanceof StatusError) return error;
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return new StatusError(400, 'BadRequest', 'the request is nested too deeply for the test API server to handle');
  }
  return new StatusError(500, 'InternalError', internalMessage(error));
}

function internalMessage(error: unknown): string {
  return `Internal error occurred: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * HTTP that Node cannot parse (bad request line, oversized headers): a Status body and a closed
 * connection, as Go's server closes it; never an unhandled error.
 */
function answerMalformed(error: Error & { code?: string }, socket: Duplex): void {
  // A response still being written on this connection would be garbled by one more.
  const busy = (socket as Duplex & { _httpMessage?: unknown })._httpMessage;
  if (!socket.writable || error.code === 'ECONNRESET' || busy) {
    socket.destroy();
    return;
  }
  const code = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const body = JSON.stringify(new StatusError(code, reasonFor(code), `malformed HTTP request: ${error.code ?? error.message}`).toStatus());
  const reason = code === 431 ? 'Request Header Fields Too Large' : 'Bad Request';
  socket.end(`HTTP/1.1 ${code} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}
