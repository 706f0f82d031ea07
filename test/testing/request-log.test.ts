/** The request log is bounded: the last `maxRequests` requests, at most `maxBodyBytes` of each body. */
import { describe, expect, it } from 'vitest';
import { GADGETS, startWithFixtures } from './helpers.js';
import { rawRequest } from './raw-http.js';

const body = (i: number): string =>
  JSON.stringify({ apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: `g${i}` }, spec: { pad: 'p'.repeat(500) } });

describe('request log', () => {
  it('keeps the last maxRequests requests and cuts bodies at maxBodyBytes', async () => {
    await using server = await startWithFixtures({ requestLog: { maxRequests: 5, maxBodyBytes: 100 } });
    for (let i = 0; i < 20; i++) await rawRequest(server, 'POST', GADGETS, { headers: { 'content-type': 'application/json' }, body: body(i) });
    expect(server.requests).toHaveLength(5);
    const last = server.requests[4];
    expect(last?.body.startsWith(body(19).slice(0, 100))).toBe(true);
    expect(last?.body).toContain(`more bytes not kept]`);
    server.requests.length = 0;
    await rawRequest(server, 'GET', GADGETS);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${GADGETS}`]);
  });

  it('keeps nothing with maxRequests 0', async () => {
    await using server = await startWithFixtures({ requestLog: { maxRequests: 0 } });
    await rawRequest(server, 'GET', GADGETS);
    expect(server.requests).toHaveLength(0);
  });

  it('by default keeps 1000 requests', async () => {
    await using server = await startWithFixtures();
    await Promise.all(Array.from({ length: 1100 }, () => rawRequest(server, 'GET', '/healthz')));
    expect(server.requests).toHaveLength(1000);
  });
});
