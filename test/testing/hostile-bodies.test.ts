/**
 * Hostile request bodies over raw HTTP: every one answered with a Kubernetes Status and the code
 * kube-apiserver gives (sources named per case), and the server still serving afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApiServer } from '../../src/testing/index.js';
import { GADGETS, startWithFixtures, widget, WIDGETS } from './helpers.js';
import { healthy, rawRequest, rawSocket } from './raw-http.js';

let server: TestApiServer;
beforeAll(async () => {
  server = await startWithFixtures();
});
afterAll(() => server.close());

const JSON_TYPE = { 'content-type': 'application/json' };
const MIB = 1024 * 1024;

function gadget(name: string, spec: string): string {
  return `{"apiVersion":"example.com/v1","kind":"Gadget","metadata":{"name":"${name}"},"spec":${spec}}`;
}

function nested(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

describe('request body size (k8s.io/apiserver server.Config MaxRequestBodyBytes = 3 * 1024 * 1024)', () => {
  it('answers a body just over 3 MiB with 413 RequestEntityTooLarge', async () => {
    const body = gadget('big', JSON.stringify({ blob: 'x'.repeat(3 * MIB) }));
    const r = await rawRequest(server, 'POST', GADGETS, { headers: JSON_TYPE, body });
    expect(r.status).toBe(413);
    expect(r.json).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Request entity too large: limit is 3145728',
      reason: 'RequestEntityTooLarge',
      code: 413,
    });
    expect(await healthy(server)).toBe(true);
  });

  it('answers a streamed 100 MB body with 413 and does not hold it', async () => {
    const chunk = Buffer.alloc(MIB, 0x61);
    const chunks = (function* () {
      for (let i = 0; i < 100; i++) yield chunk;
    })();
    const before = process.memoryUsage();
    const r = await rawRequest(server, 'POST', GADGETS, { headers: { ...JSON_TYPE, 'transfer-encoding': 'chunked' }, body: chunks });
    const after = process.memoryUsage();
    const grown = (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / MIB;
    console.log(`100 MB upload: heap+arrayBuffers grew ${grown.toFixed(1)} MiB (rss ${(before.rss / MIB).toFixed(0)} -> ${(after.rss / MIB).toFixed(0)} MiB)`);
    expect(r.status).toBe(413);
    expect(r.json?.reason).toBe('RequestEntityTooLarge');
    expect(grown).toBeLessThan(64); // holding the upload would be 100 MiB
    expect(await healthy(server)).toBe(true);
  });

  it('answers 413 by Content-Length, and accepts a body of exactly the limit', async () => {
    const small = await startWithFixtures({ maxRequestBodyBytes: 1000 });
    try {
      const exact = gadget('ok', JSON.stringify({ pad: '' }));
      const fits = exact.replace('"pad":""', `"pad":"${'p'.repeat(1000 - exact.length)}"`);
      expect(Buffer.byteLength(fits)).toBe(1000);
      expect((await rawRequest(small, 'POST', GADGETS, { headers: JSON_TYPE, body: fits })).status).toBe(201);
      const over = await rawRequest(small, 'POST', GADGETS, { headers: JSON_TYPE, body: `${fits} ` });
      expect([over.status, over.json?.message]).toEqual([413, 'Request entity too large: limit is 1000']);
    } finally {
      await small.close();
    }
  });
});

describe('media types (negotiation.NegotiateInputSerializer: 415 for a type no serializer decodes)', () => {
  const message =
    'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf';

  it.each(['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'application/merge-patch+json'])(
    'answers a create in %s with 415',
    async (type) => {
      const r = await rawRequest(server, 'POST', WIDGETS, { headers: { 'content-type': type }, body: JSON.stringify(widget('typed')) });
      expect(r.status).toBe(415);
      expect(r.json).toMatchObject({ kind: 'Status', reason: 'UnsupportedMediaType', code: 415, message });
    },
  );

  it('answers a replace and a delete with a text/plain body with 415', async () => {
    await rawRequest(server, 'POST', WIDGETS, { headers: JSON_TYPE, body: JSON.stringify(widget('kept')) });
    const put = await rawRequest(server, 'PUT', `${WIDGETS}/kept`, { headers: { 'content-type': 'text/plain' }, body: '{}' });
    const del = await rawRequest(server, 'DELETE', `${WIDGETS}/kept`, { headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect([put.status, del.status]).toEqual([415, 415]);
  });

  it('reads a body without Content-Type as JSON, as kube-apiserver takes its first media type', async () => {
    const r = await rawRequest(server, 'POST', WIDGETS, { body: JSON.stringify(widget('untyped')) });
    expect(r.status).toBe(201);
  });
});

describe('nesting depth (Go encoding/json maxNestingDepth 10000; this server stops at 1000)', () => {
  it('accepts an object nested 200 levels', async () => {
    const r = await rawRequest(server, 'POST', GADGETS, { headers: JSON_TYPE, body: gadget('deep200', nested(200)) });
    expect(r.status).toBe(201);
  });

  it("answers deeper than Go's decoder with 400 and its words", async () => {
    const r = await rawRequest(server, 'POST', GADGETS, { headers: JSON_TYPE, body: gadget('deep', nested(20_000)) });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({
      reason: 'BadRequest',
      message: `the object provided is unrecognized (must be of type Gadget): invalid character '{' exceeded max depth ({"apiVersion":"example.com/v1" ...)`,
    });
  });

  it('answers between its own bound and Go\'s with 400, never a 500', async () => {
    for (const depth of [1500, 5000, 9000]) {
      const r = await rawRequest(server, 'POST', GADGETS, { headers: JSON_TYPE, body: gadget(`d${depth}`, nested(depth)) });
      expect([depth, r.status, r.json?.reason]).toEqual([depth, 400, 'BadRequest']);
    }
    const yaml = `apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: y}\nspec: ${nested(1500)}\n`;
    const r = await rawRequest(server, 'POST', GADGETS, { headers: { 'content-type': 'application/yaml' }, body: yaml });
    expect(r.status).toBe(400);
    expect(await healthy(server)).toBe(true);
  });

  it('answers malformed JSON with 400', async () => {
    const r = await rawRequest(server, 'POST', GADGETS, { headers: JSON_TYPE, body: '{"apiVersion": ' });
    expect([r.status, r.json?.kind]).toEqual([400, 'Status']);
  });
});

describe('malformed HTTP', () => {
  it('answers a request line Node cannot parse with a 400 Status and closes', async () => {
    const text = await rawSocket(server, 'GARBAGE\r\n\r\n');
    expect(text).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toMatchObject({ kind: 'Status', code: 400 });
    expect(await healthy(server)).toBe(true);
  });

  it('answers oversized headers with 431', async () => {
    const text = await rawSocket(server, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(100_000)}\r\n\r\n`);
    expect(text).toMatch(/^HTTP\/1\.1 431 /);
    expect(await healthy(server)).toBe(true);
  });

  it('survives a client that disconnects mid-body', async () => {
    const text = `POST ${GADGETS} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"apiVersion":`;
    await rawSocket(server, text, { hangUp: true });
    expect(await healthy(server)).toBe(true);
  });
});
