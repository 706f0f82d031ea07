/**
 * 200 writers at once over their own connections lose no acknowledged write: every create answered
 * 201 is listed, and optimistic-concurrency updates of one shared object (PUT with the
 * resourceVersion read, retried on 409 as client-go's RetryOnConflict does) of shared counters add
 * up exactly.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestApiServer } from '../../src/testing/index.js';
import { startWithFixtures, widget, WIDGETS } from './helpers.js';
import { rawRequest } from './raw-http.js';

const WRITERS = 200;
/** Shared objects the writers increment (20 writers contend for each). */
const COUNTERS = 10;
const JSON_TYPE = { 'content-type': 'application/json' };

let server: TestApiServer;
beforeAll(async () => {
  server = await startWithFixtures();
});
afterAll(() => server.close());

async function increment(name: string): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const current = await rawRequest(server, 'GET', `${WIDGETS}/${name}`);
    const next = { ...current.json, spec: { ...current.json.spec, size: current.json.spec.size + 1 } };
    const r = await rawRequest(server, 'PUT', `${WIDGETS}/${name}`, { headers: JSON_TYPE, body: JSON.stringify(next) });
    if (r.status === 200) return attempt;
    expect(r.status).toBe(409);
  }
}

it(`keeps every acknowledged write of ${WRITERS} concurrent writers`, async () => {
  for (let c = 0; c < COUNTERS; c++) {
    const counter = widget(`counter${c}`, { color: 'red', size: 0 });
    expect((await rawRequest(server, 'POST', WIDGETS, { headers: JSON_TYPE, body: JSON.stringify(counter) })).status).toBe(201);
  }
  const results = await Promise.all(
    Array.from({ length: WRITERS }, async (_, i) => {
      const created = await rawRequest(server, 'POST', WIDGETS, { headers: JSON_TYPE, body: JSON.stringify(widget(`w${i}`)) });
      const attempts = await increment(`counter${i % COUNTERS}`);
      return { name: `w${i}`, created: created.status === 201, rv: created.json?.metadata?.resourceVersion as string, attempts };
    }),
  );
  const acknowledged = results.filter((r) => r.created);
  expect(acknowledged).toHaveLength(WRITERS);
  const list = await rawRequest(server, 'GET', WIDGETS);
  const listed = new Set<string>(list.json.items.map((o: any) => o.metadata.name));
  for (const r of acknowledged) expect(listed.has(r.name)).toBe(true);
  expect(new Set(acknowledged.map((r) => r.rv)).size).toBe(WRITERS);
  let total = 0;
  for (let c = 0; c < COUNTERS; c++) {
    const final = await rawRequest(server, 'GET', `${WIDGETS}/counter${c}`);
    expect(final.json.spec.size).toBe(WRITERS / COUNTERS);
    total += final.json.spec.size as number;
  }
  const retries = results.reduce((sum, r) => sum + r.attempts - 1, 0);
  console.log(`${WRITERS} concurrent writers: ${acknowledged.length} creates kept, increments ${total}/${WRITERS}, ${retries} conflict retries`);
}, 600_000);
