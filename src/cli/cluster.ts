/**
 * `--from-cluster`: the CRDs a cluster serves, read through the Kubernetes API with
 * @kubernetes/client-node. The client is imported here, lazily, and only here: loading it costs
 * about 1.5 s, which a run from files must never pay.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import type { KubeConfig, ObservableMiddleware } from '@kubernetes/client-node';
import type { InputFile } from '../generator/model.js';
import { loadClientNode } from './client-node.js';
import { CliFailure, type CliContext } from './context.js';

interface ClusterSource {
  /** A context of the kubeconfig instead of its current one. */
  readonly context?: string | undefined;
  /** A kubeconfig file instead of $KUBECONFIG or ~/.kube/config. */
  readonly kubeconfig?: string | undefined;
  /** How long to wait for each answer (default 30 s). */
  readonly timeoutMs?: number;
  /** CRDs per page (default 500). */
  readonly pageSize?: number;
}

interface ClusterCrds {
  /** One JSON file per CRD, named `<context>/<crd name>`, sorted. */
  readonly files: readonly InputFile[];
  readonly context: string;
  readonly server: string;
}

const GROUP = 'apiextensions.k8s.io';
const VERSION = 'v1';
const PLURAL = 'customresourcedefinitions';
const PAGE = 500;

/** Lists every CRD (GET /apis/apiextensions.k8s.io/v1/customresourcedefinitions, page by page). */
export async function readClusterCrds(source: ClusterSource, ctx: CliContext): Promise<ClusterCrds> {
  const k8s = await loadClientNode();
  const kc = loadKubeConfig(new k8s.KubeConfig(), source, ctx);
  const context = kc.getCurrentContext();
  const server = kc.getCurrentCluster()?.server;
  if (!server) throw new CliFailure(`context ${context} of the kubeconfig has no cluster server (check the kubeconfig)`);
  const where = `the cluster at ${server} (context ${context})`;
  const api = kc.makeApiClient(k8s.CustomObjectsApi);
  const timeoutMs = source.timeoutMs ?? 30_000;
  const items: Array<Record<string, unknown>> = [];
  let token: string | undefined;
  do {
    const signal = AbortSignal.timeout(timeoutMs);
    const middleware: ObservableMiddleware = {
      pre: (request) => {
        request.setSignal(signal);
        return new k8s.Observable(Promise.resolve(request));
      },
      post: (response) => new k8s.Observable(Promise.resolve(response)),
    };
    let page: { items?: unknown; metadata?: { continue?: string } };
    try {
      page = await api.listClusterCustomObject(
        { group: GROUP, version: VERSION, plural: PLURAL, limit: source.pageSize ?? PAGE, ...(token ? { _continue: token } : {}) },
        { middleware: [middleware], middlewareMergeStrategy: 'append' },
      );
    } catch (error) {
      throw new CliFailure(clusterError(error, where, signal.aborted, timeoutMs, k8s.ApiException));
    }
    if (!Array.isArray(page.items)) throw new CliFailure(`${where} answered the CRD list without items (is it a Kubernetes API server?)`);
    items.push(...(page.items as Array<Record<string, unknown>>));
    token = page.metadata?.continue || undefined;
  } while (token !== undefined);
  const files = items
    .map((item) => {
      // List items come without apiVersion and kind; status and managedFields are not needed.
      const { status: _status, ...crd } = item;
      const metadata = (crd.metadata ?? {}) as Record<string, unknown>;
      const { managedFields: _managed, ...meta } = metadata;
      const name = typeof meta.name === 'string' ? meta.name : 'unnamed';
      const text = JSON.stringify({ apiVersion: `${GROUP}/${VERSION}`, kind: 'CustomResourceDefinition', ...crd, metadata: meta }, null, 2);
      return { path: `${context}/${name}`, text };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, context, server };
}

/**
 * The kubeconfig as kubectl finds it: --kubeconfig, else $KUBECONFIG (a list: the first file's
 * current context wins, unlike client-node's loadFromDefault), else ~/.kube/config, else the
 * in-cluster service account. Never client-node's silent fallback to http://localhost:8080.
 */
function loadKubeConfig(kc: KubeConfig, source: ClusterSource, ctx: CliContext): KubeConfig {
  const load = (file: string, shown: string) => {
    if (!existsSync(file)) throw new CliFailure(`${shown}: no such kubeconfig file`);
    try {
      kc.loadFromFile(file);
    } catch (error) {
      throw new CliFailure(`${shown}: not a usable kubeconfig: ${firstLine(error)}`);
    }
  };
  const env = ctx.env.KUBECONFIG?.split(delimiter).filter((p) => p !== '') ?? [];
  const home = join(ctx.env.HOME || homedir(), '.kube', 'config');
  if (source.kubeconfig !== undefined) load(resolve(ctx.cwd, source.kubeconfig), source.kubeconfig);
  else if (env.length > 0) {
    const [first, ...rest] = env as [string, ...string[]];
    load(resolve(ctx.cwd, first), `$KUBECONFIG ${first}`);
    for (const file of rest.filter((f) => existsSync(resolve(ctx.cwd, f)))) {
      const more = new (kc.constructor as new () => KubeConfig)();
      more.loadFromFile(resolve(ctx.cwd, file));
      kc.mergeConfig(more, true);
    }
  } else if (existsSync(home)) load(home, home);
  else if (ctx.env.KUBERNETES_SERVICE_HOST) kc.loadFromCluster();
  else throw new CliFailure('no kubeconfig: pass --kubeconfig <file>, set KUBECONFIG, or create ~/.kube/config');
  if (source.context !== undefined) {
    if (kc.getContextObject(source.context) === null) {
      const known = kc.getContexts().map((c) => c.name).join(', ') || 'none';
      throw new CliFailure(`--context ${source.context}: no such context in the kubeconfig (contexts: ${known})`);
    }
    kc.setCurrentContext(source.context);
  } else if (!kc.getCurrentContext() || kc.getContextObject(kc.getCurrentContext()) === null) {
    const known = kc.getContexts().map((c) => c.name).join(', ') || 'none';
    throw new CliFailure(`the kubeconfig has no current context: pass --context (contexts: ${known})`);
  }
  return kc;
}

/** One line for what went wrong: HTTP status (401/403 get a hint) or the network failure. */
function clusterError(error: unknown, where: string, timedOut: boolean, timeoutMs: number, ApiException: abstract new (...args: never[]) => unknown): string {
  if (timedOut) return `no answer from ${where} within ${timeoutMs / 1000}s (is the cluster up? check --context)`;
  if (error instanceof ApiException) {
    const code = (error as unknown as { code: number }).code;
    const reason = statusMessage((error as unknown as { body?: unknown }).body);
    if (code === 401) return `${where} refused the credentials: 401 Unauthorized (log in again, or check the user of the context)`;
    if (code === 403) {
      return `${where} forbids listing CRDs: 403 Forbidden${reason ? `: ${reason}` : ''} (the user needs list on ${PLURAL}.${GROUP}; or generate from CRD files)`;
    }
    if (code === 404) return `${where} does not serve ${GROUP}/${VERSION} ${PLURAL}: 404 Not Found (is it a Kubernetes API server, 1.16 or newer?)`;
    return `${where} failed to list CRDs: HTTP ${code}${reason ? `: ${reason}` : ''}`;
  }
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  const code = (error as { code?: unknown } | undefined)?.code ?? cause?.code;
  const detail = typeof code === 'string' ? code : cause?.message ?? firstLine(error);
  return `cannot reach ${where}: ${detail} (is the cluster up? check --context and --kubeconfig)`;
}

function statusMessage(body: unknown): string | undefined {
  if (typeof body !== 'string' || body === '') return undefined;
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    return typeof parsed.message === 'string' ? parsed.message : undefined;
  } catch {
    return body.split('\n')[0]?.slice(0, 200);
  }
}

const firstLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
