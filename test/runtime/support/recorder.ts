// A real HTTP server on 127.0.0.1 that records every request and answers from a handler, so
// tests can assert the exact requests client-node sends through the runtime.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';

export const TOKEN = 'super-secret-token-1234';

export interface Recorded {
  readonly method: string;
  readonly path: string;
  /** Raw query string without `?`, '' when there is none. */
  readonly query: string;
  readonly contentType: string | undefined;
  readonly body: string;
  readonly headers: IncomingMessage['headers'];
  readonly at: number;
}

export interface Reply {
  readonly status?: number;
  /** Serialized as JSON with content-type application/json. */
  readonly json?: unknown;
  /** Sent as is, with the given headers. */
  readonly text?: string;
  readonly headers?: { readonly [name: string]: string };
}

/** Return a Reply, or take over the response yourself (streams) and return undefined. */
export type Handler = (req: Recorded, res: ServerResponse) => Reply | undefined | Promise<Reply | undefined>;

export interface Recorder {
  readonly url: string;
  readonly requests: Recorded[];
  handler: Handler;
  kubeConfig(namespace?: string): KubeConfig;
  close(): Promise<void>;
}

export const defaultHandler: Handler = (req) => {
  const body = req.body === '' ? {} : (JSON.parse(req.body) as object);
  return { json: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1', resourceVersion: '1' }, echo: body } };
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function kubeConfigFor(url: string, namespace?: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'test', server: url, skipTLSVerify: true }],
    users: [{ name: 'tester', token: TOKEN }],
    contexts: [{ name: 'test', cluster: 'test', user: 'tester', ...(namespace === undefined ? {} : { namespace }) }],
    currentContext: 'test',
  });
  return kc;
}

export async function startRecorder(handler: Handler = defaultHandler): Promise<Recorder> {
  const sockets = new Set<Socket>();
  const recorder: Recorder = {
    url: '',
    requests: [],
    handler,
    kubeConfig: (namespace) => kubeConfigFor(recorder.url, namespace),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const recorded: Recorded = {
      method: req.method ?? '',
      path: url.pathname,
      query: url.search.replace(/^\?/, ''),
      contentType: req.headers['content-type'],
      body: await readBody(req),
      headers: req.headers,
      at: Date.now(),
    };
    recorder.requests.push(recorded);
    try {
      const reply = await recorder.handler(recorded, res);
      if (reply === undefined) return;
      const headers: { [name: string]: string } = { ...reply.headers };
      let payload = reply.text ?? '';
      if (reply.json !== undefined) {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify(reply.json);
      }
      res.writeHead(reply.status ?? 200, headers).end(payload);
    } catch (e) {
      res.writeHead(599, { 'content-type': 'text/plain' }).end(String(e));
    }
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  (recorder as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return recorder;
}

/** A Kubernetes Status body, as the API server sends with errors. */
export function status(code: number, reason: string, message: string, details?: object): Reply {
  return {
    status: code,
    json: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code, ...(details ? { details } : {}) },
  };
}
