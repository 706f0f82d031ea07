/** `startTestApiServer`: the HTTP server, its request log, authentication and fault injection. */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { KubeConfig } from '@kubernetes/client-node';
import type { ServerContext } from './context.js';
import { builtinHooks } from './builtin-hooks.js';
import { BUILTIN_TYPES, INITIAL_NAMESPACES, NAMESPACE_TYPE } from './builtins.js';
import { crdHooks, crdRef, CRD_TYPE, toV1Crd } from './crds.js';
import { Faults } from './faults.js';
import { header, sendReply, type ApiRequest, type Reply } from './http.js';
import { isObject, type JsonObject } from './json.js';
import { kubeConfigFor, kubeConfigYaml } from './kubeconfig.js';
import { Objects, type TypeHooks } from './objects.js';
import { namespaceAdmission, NamespaceController, namespaceHooks, NAMESPACES_KEY } from './namespaces.js';
import { Registry, typeKey } from './registry.js';
import { route } from './router.js';
import { ApiError, reasonFor, unauthorized } from './status.js';
import { ObjectStore } from './store.js';
import { WatchHub } from './watch.js';

export interface TestApiServerOptions {
  /** CustomResourceDefinitions (parsed objects, apiextensions.k8s.io/v1; v1beta1 is lifted) to serve from the start. */
  readonly crds?: readonly object[];
  /** When set, every request but health checks needs `Authorization: Bearer <token>` (else 401). */
  readonly token?: string;
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  readonly port?: number;
  /** How many change events watches can resume from; older resourceVersions get 410 Gone (default 1000). */
  readonly eventHistorySize?: number;
  /** How often watches with allowWatchBookmarks=true get a BOOKMARK (default 60 000 ms). */
  readonly bookmarkIntervalMs?: number;
  /**
   * Namespaces to create at start besides the four every cluster has (default, kube-node-lease,
   * kube-public, kube-system). Writes into any other namespace get 404 until it is created.
   */
  readonly namespaces?: readonly string[];
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** Query parameters, form-decoded (the last value when one repeats). */
  readonly query: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface TestApiServer extends AsyncDisposable {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** A client-node KubeConfig for this server (insecure-skip-tls-verify, token user when a token is set). */
  readonly kubeConfig: KubeConfig;
  /** The same configuration as kubeconfig YAML, for kubectl (`--kubeconfig`). */
  readonly kubeConfigYaml: string;
  readonly faults: Faults;
  /** Every request received, oldest first; clear with `requests.length = 0`. */
  readonly requests: RecordedRequest[];
  /** Registers a CRD as `POST .../customresourcedefinitions` would; throws on an invalid one. */
  addCrd(crd: object): void;
  /** Ends watches, drops connections and stops listening. */
  close(): Promise<void>;
}

const HEALTH_PATHS = new Set(['/healthz', '/readyz', '/livez']);

export async function startTestApiServer(options: TestApiServerOptions = {}): Promise<TestApiServer> {
  const registry = new Registry();
  registry.set(CRD_TYPE);
  for (const type of BUILTIN_TYPES) registry.set(type);
  const store = new ObjectStore(options.eventHistorySize ?? 1000);
  const watches = new WatchHub(store, { bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000 });
  const hooks = new Map<string, TypeHooks>([
    [typeKey(CRD_TYPE), crdHooks(registry, store, watches)],
    [NAMESPACES_KEY, namespaceHooks()],
    ...builtinHooks(),
  ]);
  const faults = new Faults(watches);
  const objects = new Objects(store, hooks, namespaceAdmission(store));
  createInitialNamespaces(objects, options.namespaces ?? []);
  const controllers = [new NamespaceController(registry, store, objects)];
  const ctx: ServerContext = {
    registry,
    store,
    objects,
    watches,
    watchEventLimit: (request) => faults.takeWatchLimit(request),
  };
  const requests: RecordedRequest[] = [];
  const addCrd = (crd: object): void => {
    const body = toV1Crd(crd as JsonObject);
    try {
      ctx.objects.create(crdRef(), '', body, { dryRun: false, fieldValidation: 'Ignore' });
    } catch (error) {
      const name = isObject(body.metadata) ? String(body.metadata.name ?? '') : '';
      throw new Error(`cannot register CRD ${JSON.stringify(name)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  for (const crd of options.crds ?? []) addCrd(crd);

  const sockets = new Set<Socket>();
  const server = createServer({ noDelay: true, keepAlive: true }, (req, res) => {
    void serve(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendReply(res, statusReply(new ApiError(500, 'InternalError', internalMessage(error))));
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = await readRequest(req);
    requests.push(record(request));
    if (faults.takeReset(request)) {
      req.socket.destroy();
      return;
    }
    const delay = faults.takeDelay(request);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const failure = faults.takeFailure(request);
    if (failure) {
      const retry = failure.retryAfterSeconds;
      const error = new ApiError(
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
      sendReply(res, statusReply(error instanceof ApiError ? error : new ApiError(500, 'InternalError', internalMessage(error))));
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      for (const controller of controllers) controller.stop();
      watches.endAll();
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
    addCrd,
    close,
    [Symbol.asyncDispose]: close,
  };
}

function createInitialNamespaces(objects: Objects, extra: readonly string[]): void {
  const ref = { type: NAMESPACE_TYPE, version: NAMESPACE_TYPE.versions[0] };
  if (!ref.version) return;
  for (const name of new Set([...INITIAL_NAMESPACES, ...extra])) {
    const body = { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
    objects.create({ type: ref.type, version: ref.version }, '', body, { dryRun: false, fieldValidation: 'Strict' });
  }
}

function statusReply(error: ApiError): Reply {
  return { code: error.code, body: error.toStatus(), headers: error.headers };
}

function internalMessage(error: unknown): string {
  return `Internal error occurred: ${error instanceof Error ? error.message : String(error)}`;
}

async function readRequest(req: IncomingMessage): Promise<ApiRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const rawPath = url.pathname;
  const segments = rawPath
    .split('/')
    .filter((part) => part !== '')
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return part;
      }
    });
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: rawPath,
    segments,
    query: url.searchParams,
    headers: req.headers,
    body: Buffer.concat(chunks),
  };
}

function record(request: ApiRequest): RecordedRequest {
  return {
    method: request.method,
    path: request.path,
    query: Object.fromEntries(request.query.entries()),
    headers: request.headers,
    body: request.body.toString('utf8'),
  };
}
