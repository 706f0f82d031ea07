/**
 * Hostile query parameters over raw HTTP: selectors, resourceVersions, continue tokens, limits and
 * timeouts kube-apiserver refuses get its Status and code (sources named per case), never a 200,
 * a hang or a dropped connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApiServer } from '../../src/testing/index.js';
import { startWithFixtures, widget, WIDGETS } from './helpers.js';
import { healthy, rawRequest } from './raw-http.js';

let server: TestApiServer;
beforeAll(async () => {
  server = await startWithFixtures();
  for (const name of ['a', 'b', 'c']) {
    await rawRequest(server, 'POST', WIDGETS, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(widget(name)) });
  }
});
afterAll(() => server.close());

async function get(query: string): Promise<{ status: number; json: any }> {
  return rawRequest(server, 'GET', `${WIDGETS}?${query}`);
}

const VALUE_RULE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const SUBDOMAIN_RULE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const KEY_RULE =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe('label selectors (apimachinery labels.Parse of Kubernetes 1.32; the conversion error is answered 400)', () => {
  const cases: Array<[string, string]> = [
    ['a=b=c', "found '=', expected: ',' or 'end of string'"],
    ['tier in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['tier in a', "unable to parse requirement: found 'a' expected: '('"],
    ['app=-bad', `unable to parse requirement: values[0][app]: Invalid value: "-bad": ${VALUE_RULE}`],
    ['a/b/c', `unable to parse requirement: <nil>: Invalid value: "a/b/c": a qualified name ${KEY_RULE} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`],
    [`${'k'.repeat(64)}=v`, `unable to parse requirement: <nil>: Invalid value: "${'k'.repeat(64)}": name part must be no more than 63 characters`],
    [`app=${'v'.repeat(64)}`, `unable to parse requirement: values[0][app]: Invalid value: "${'v'.repeat(64)}": must be no more than 63 characters`],
    ['Bad_Prefix/a=b', `unable to parse requirement: <nil>: Invalid value: "Bad_Prefix/a": prefix part ${SUBDOMAIN_RULE}`],
    ['x>abc', `unable to parse requirement: values[0]: Invalid value: "abc": for 'Gt', 'Lt' operators, the value must be an integer`],
    [',a', "found ',', expected: !, identifier, or 'end of string'"],
    ['a,', "found '', expected: identifier after ','"],
  ];
  it.each(cases)('%s', async (selector, message) => {
    for (const watch of ['', '&watch=true']) {
      const r = await get(`labelSelector=${encodeURIComponent(selector)}${watch}`);
      expect([r.status, r.json?.reason, r.json?.message]).toEqual([400, 'BadRequest', message]);
    }
  });
});

describe('field selectors (fields.ParseSelector; ConvertFieldLabel for custom resources)', () => {
  it('matches escaped values and skips empty terms', async () => {
    const r = await get(`fieldSelector=${encodeURIComponent('metadata.name==b,,metadata.namespace!=other')}`);
    expect(r.json.items.map((o: any) => o.metadata.name)).toEqual(['b']);
  });

  it.each([
    ['metadata.name', "invalid selector: 'metadata.name'; can't understand 'metadata.name'"],
    ['spec.color=red', 'field label not supported: spec.color'],
    ['metadata.name=a,zz', "invalid selector: 'metadata.name=a,zz'; can't understand 'zz'"],
    ['metadata.name = a', 'field label not supported: metadata.name '],
    ['metadata.name=a=b', 'invalid field selector: unescaped character in value: 61'],
    ['metadata.name=a\\x', 'invalid field selector: invalid escape sequence: \\x'],
  ])('%s', async (selector, message) => {
    const r = await get(`fieldSelector=${encodeURIComponent(selector)}`);
    expect([r.status, r.json?.message]).toEqual([400, message]);
  });
});

describe('numbers (ParameterCodec.DecodeParameters: strconv errors answered 400)', () => {
  it.each([
    ['limit=abc', 'strconv.ParseInt: parsing "abc": invalid syntax'],
    ['limit=', 'strconv.ParseInt: parsing "": invalid syntax'],
    ['limit=99999999999999999999', 'strconv.ParseInt: parsing "99999999999999999999": value out of range'],
    ['watch=true&timeoutSeconds=abc', 'strconv.ParseInt: parsing "abc": invalid syntax'],
    ['watch=true&timeoutSeconds=1.5', 'strconv.ParseInt: parsing "1.5": invalid syntax'],
  ])('%s', async (query, message) => {
    const r = await get(query);
    expect([r.status, r.json?.kind, r.json?.message]).toEqual([400, 'Status', message]);
  });

  it('reads a negative limit as no limit, as the storage layer does', async () => {
    const r = await get('limit=-3');
    expect([r.status, r.json?.items.length]).toEqual([200, 3]);
  });
});

describe('resourceVersion (storage.ValidateListOptions: 400 invalid resource version)', () => {
  it.each(['abc', '-1', '1e3', '18446744073709551616'])('lists with resourceVersion=%s get 400', async (rv) => {
    const r = await get(`resourceVersion=${rv}`);
    expect(r.status).toBe(400);
    expect(r.json?.message).toMatch(new RegExp(`^invalid resource version: resourceVersion: Invalid value: "${rv}": strconv.ParseUint: parsing "${rv}": (invalid syntax|value out of range)$`));
  });
});

describe('continue tokens (storage.DecodeContinue: 400 invalid continue token)', () => {
  const token = (value: object | string): string =>
    Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
  it.each([
    ['not base64!', 'continue key is not valid: illegal base64 data at input byte 3'],
    [token('not json'), 'continue key is not valid: invalid character looking for beginning of value'],
    [token({ v: 'meta.k8s.io/v2', rv: 5, start: 'a' }), 'continue key is not valid: server does not recognize this encoded version meta.k8s.io/v2'],
    [token({ v: 'meta.k8s.io/v1', rv: 0, start: 'a' }), 'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)'],
    [token({ v: 'meta.k8s.io/v1', rv: 5, start: '' }), 'continue key is not valid: encoded start key empty (version meta.k8s.io/v1)'],
    [token({ v: 'meta.k8s.io/v1', rv: 5, start: '../../secrets/x' }), 'continue key is not valid: ../../secrets/x'],
  ])('%s', async (value, why) => {
    const r = await get(`limit=1&continue=${encodeURIComponent(value)}`);
    expect([r.status, r.json?.reason, r.json?.message]).toEqual([400, 'BadRequest', `invalid continue token: ${why}`]);
  });

  it('refuses a resourceVersion beside continue', async () => {
    const first = await get('limit=1');
    const r = await get(`limit=1&resourceVersion=5&continue=${first.json.metadata.continue}`);
    expect([r.status, r.json?.message]).toEqual([400, 'specifying resource version is not allowed when using continue']);
    expect(await healthy(server)).toBe(true);
  });
});
