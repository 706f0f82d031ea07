// Error responses become one ApiError with the Status fields, and never leak credentials.
import { inspect } from 'node:util';
import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ApiError, isAlreadyExists, isConflict, isForbidden, isGone, isInvalid, isNetworkError, isNotFound,
  isTooManyRequests, isUnauthorized,
} from '../../src/runtime/index.js';
import { redactUrl } from '../../src/runtime/errors.js';
import { WidgetApi } from './support/kinds.js';
import { kubeConfigFor, startRecorder, status, TOKEN, type Recorder } from './support/recorder.js';

let server: Recorder;
let widgets: WidgetApi;
beforeAll(async () => {
  server = await startRecorder();
  widgets = new WidgetApi({ kubeConfig: server.kubeConfig('ns1'), retry: { retries: 0 } });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

async function failure(call: () => Promise<unknown>): Promise<ApiError> {
  const e = await call().then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(ApiError);
  return e as ApiError;
}

const checks = { isNotFound, isAlreadyExists, isConflict, isInvalid, isForbidden, isUnauthorized, isGone, isTooManyRequests, isNetworkError };
const trueChecks = (e: unknown) => Object.entries(checks).filter(([, f]) => f(e)).map(([n]) => n);

const url = (path: string) => `${server.url}/apis/example.com/v1/namespaces/ns1/widgets${path}`;

describe('ApiError from a Status body', () => {
  // `want` is a function: the server's URL is known only once it runs.
  it.each<[string, () => ReturnType<typeof status>, () => Promise<unknown>, () => object, string[]]>([
    ['404 NotFound', () => status(404, 'NotFound', 'widgets.example.com "w1" not found', { name: 'w1', group: 'example.com', kind: 'widgets' }),
      () => widgets.get('w1'),
      () => ({ code: 404, reason: 'NotFound', message: 'widgets.example.com "w1" not found', details: { name: 'w1', group: 'example.com', kind: 'widgets' }, method: 'GET', url: url('/w1') }),
      ['isNotFound']],
    ['409 AlreadyExists', () => status(409, 'AlreadyExists', 'widgets.example.com "w1" already exists'),
      () => widgets.create({ metadata: { name: 'w1' } }),
      () => ({ code: 409, reason: 'AlreadyExists', message: 'widgets.example.com "w1" already exists', method: 'POST', url: url('') }),
      ['isAlreadyExists']],
    ['409 Conflict', () => status(409, 'Conflict', 'Operation cannot be fulfilled on widgets.example.com "w1": the object has been modified'),
      () => widgets.replace({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1', resourceVersion: '1' } }),
      () => ({ code: 409, reason: 'Conflict', method: 'PUT' }), ['isConflict']],
    ['422 Invalid with causes', () => status(422, 'Invalid', 'Widget.example.com "w1" is invalid: spec.size: Invalid value: "x"',
      { name: 'w1', kind: 'Widget', causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: "x"', field: 'spec.size' }] }),
      () => widgets.patch('w1', { type: 'merge', body: {} }),
      () => ({ code: 422, reason: 'Invalid', details: { name: 'w1', kind: 'Widget', causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: "x"', field: 'spec.size' }] } }),
      ['isInvalid']],
    ['403 Forbidden', () => status(403, 'Forbidden', 'widgets.example.com is forbidden: User "x" cannot list'), () => widgets.list(),
      () => ({ code: 403, reason: 'Forbidden' }), ['isForbidden']],
    ['410 Expired', () => status(410, 'Expired', 'The provided continue parameter is too old'), () => widgets.list({ continue: 'old' }),
      () => ({ code: 410, reason: 'Expired', message: 'The provided continue parameter is too old' }), ['isGone']],
    ['429 with Retry-After', () => ({ ...status(429, 'TooManyRequests', 'Too many requests, please try again later.'), headers: { 'Retry-After': '7' } }),
      () => widgets.get('w1'), () => ({ code: 429, reason: 'TooManyRequests', retryAfterSeconds: 7 }), ['isTooManyRequests']],
    ['500 with a Status without reason', () => status(500, '', 'etcdserver: request timed out'), () => widgets.delete('w1'),
      () => ({ code: 500, reason: 'InternalError', message: 'etcdserver: request timed out', method: 'DELETE' }), []],
  ])('%s', async (_name, reply, call, want, checksThatHold) => {
    server.handler = reply;
    const e = await failure(call);
    expect(e).toMatchObject(want());
    expect(e.name).toBe('ApiError');
    expect(trueChecks(e)).toEqual(checksThatHold);
  });
});

describe('ApiError without a Status body', () => {
  it('401 has no body: the reason comes from the code', async () => {
    server.handler = () => ({ status: 401, text: '' });
    const e = await failure(() => widgets.get('w1'));
    expect(e).toMatchObject({ code: 401, reason: 'Unauthorized', message: `GET ${url('/w1')}: HTTP 401 Unauthorized` });
    expect(trueChecks(e)).toEqual(['isUnauthorized']);
  });

  it('a proxy page: the message names the request, not the HTML', async () => {
    server.handler = () => ({ status: 502, text: '<html>Bad Gateway</html>', headers: { 'content-type': 'text/html' } });
    const e = await failure(() => widgets.list());
    expect(e.message).toBe(`GET ${url('')}: HTTP 502 BadGateway`);
    expect(e.reason).toBe('BadGateway');
  });

  it('no response at all: code 0, NetworkError, the URL and the cause', async () => {
    const port = await freePort();
    const api = new WidgetApi({ kubeConfig: kubeConfigFor(`http://127.0.0.1:${port}`, 'ns1'), retry: { retries: 0 } });
    const e = await failure(() => api.get('w1'));
    expect(e).toMatchObject({ code: 0, reason: 'NetworkError',
      message: `GET http://127.0.0.1:${port}/apis/example.com/v1/namespaces/ns1/widgets/w1: no response from the API server (ECONNREFUSED)` });
    expect(trueChecks(e)).toEqual(['isNetworkError']);
  });
});

describe('credentials stay out of errors', () => {
  it.each([
    ['401', () => ({ status: 401, text: '' })],
    ['404', () => status(404, 'NotFound', 'nope')],
    ['500 echoing the request headers', () => ({ status: 500, text: JSON.stringify(server.requests.at(-1)?.headers), headers: { 'content-type': 'application/json' } })],
  ])('%s', async (_name, reply) => {
    server.handler = reply;
    const e = await failure(() => widgets.get('w1'));
    expect(e.message).not.toContain(TOKEN);
    expect(inspect(e, { depth: 10, showHidden: true })).not.toContain(TOKEN);
    expect(JSON.stringify(e)).not.toContain(TOKEN);
  });

  it('user:password in a server URL is dropped', () => {
    expect(redactUrl('https://admin:hunter2@example.com:6443/apis/x?labelSelector=a')).toBe('https://example.com:6443/apis/x?labelSelector=a');
  });
});

describe('the checks', () => {
  it('work on errors from another copy of the runtime (generated output holds its own)', () => {
    const foreign = Object.assign(new Error('x'), { reason: 'NotFound', code: 404 });
    Object.defineProperty(foreign, Symbol.for('crdgen.runtime.ApiError'), { value: true });
    expect(foreign instanceof ApiError).toBe(true);
    expect(isNotFound(foreign)).toBe(true);
  });

  it('are false for anything else', () => {
    for (const value of [new Error('NotFound'), { reason: 'NotFound', code: 404 }, null, undefined, 'NotFound']) {
      expect(trueChecks(value)).toEqual([]);
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
