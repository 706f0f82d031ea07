/** Shared by the test API server's tests: fixtures, a JSON fetch helper and a watch reader. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { startTestApiServer, type TestApiServer, type TestApiServerOptions } from '../../src/testing/index.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

export function fixture(name: string): Record<string, unknown> {
  return parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, unknown>;
}

export const WIDGETS = '/apis/example.com/v1/namespaces/default/widgets';
export const GADGETS = '/apis/example.com/v1/gadgets';

/** The namespaces the fixture server has besides the four every cluster starts with. */
export const FIXTURE_NAMESPACES = ['ns1', 'ns2', 'team', 'other', 'lab'];

/** A server with the widget (namespaced) and gadget (cluster-scoped) CRDs. */
export function startWithFixtures(options: TestApiServerOptions = {}): Promise<TestApiServer> {
  return startTestApiServer({ crds: [fixture('widget-crd.yaml'), fixture('gadget-crd.yaml')], namespaces: FIXTURE_NAMESPACES, ...options });
}

export function widget(name: string, spec: Record<string, unknown> = { color: 'red' }, extra: Record<string, unknown> = {}) {
  return { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name, ...extra }, spec };
}

export interface JsonResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
}

/** Sends a request; bodies that are not strings are sent as JSON. */
export async function call(
  server: TestApiServer,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    init.headers = { 'content-type': 'application/json', ...headers };
  }
  const response = await fetch(server.url + path, init);
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    // plain text stays text
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

export const MERGE = { 'content-type': 'application/merge-patch+json' };
export const JSON_PATCH = { 'content-type': 'application/json-patch+json' };
export const APPLY = { 'content-type': 'application/apply-patch+yaml' };
export const TABLE_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

export interface WatchEvent {
  readonly type: string;
  readonly object: any;
}

/** An open watch: `next()` resolves with the next event, or undefined once the server ended the stream. */
export interface WatchReader {
  readonly status: number;
  readonly headers: Headers;
  next(timeoutMs?: number): Promise<WatchEvent | undefined>;
  /** Events until the stream ends. */
  rest(timeoutMs?: number): Promise<WatchEvent[]>;
  close(): void;
}

export async function openWatch(server: TestApiServer, pathAndQuery: string, headers: Record<string, string> = {}): Promise<WatchReader> {
  const controller = new AbortController();
  const response = await fetch(server.url + pathAndQuery, { headers, signal: controller.signal });
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let done = false;
  const queue: WatchEvent[] = [];
  const pull = async (): Promise<void> => {
    const chunk = await reader?.read();
    if (!chunk || chunk.done) {
      done = true;
      return;
    }
    buffer += decoder.decode(chunk.value, { stream: true });
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) queue.push(JSON.parse(line) as WatchEvent);
      newline = buffer.indexOf('\n');
    }
  };
  let pending: Promise<void> | undefined;
  const next = async (timeoutMs = 60_000): Promise<WatchEvent | undefined> => {
    const deadline = Date.now() + timeoutMs;
    while (queue.length === 0 && !done) {
      pending ??= pull()
        .catch(() => {
          done = true;
        })
        .finally(() => (pending = undefined));
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no watch event within ${timeoutMs} ms`);
      await Promise.race([pending, new Promise((r) => setTimeout(r, left))]);
    }
    return queue.shift();
  };
  return {
    status: response.status,
    headers: response.headers,
    next,
    async rest(timeoutMs = 60_000) {
      const events: WatchEvent[] = [];
      for (let e = await next(timeoutMs); e; e = await next(timeoutMs)) events.push(e);
      return events;
    },
    close: () => controller.abort(),
  };
}
