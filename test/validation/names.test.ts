// The name and label checks (src/validation/names.ts) against the messages of
// k8s.io/apimachinery/pkg/util/validation at Kubernetes 1.32, the version the test API server reports.
import { describe, expect, it } from 'vitest';
import { isDns1035Label, isDns1123Label, isDns1123Subdomain, isQualifiedName, isValidLabelValue } from '../../src/validation/index.js';

const LABEL = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const NAME = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('name and label checks', () => {
  it.each([
    ['team-a', []],
    ['a.b', ['must not contain dots']],
    ['-team', [LABEL]],
    ['Team', [LABEL]],
    ['n'.repeat(64), ['must be no more than 63 characters']],
    [`${'n'.repeat(63)}.b`, ['must be no more than 63 characters', 'must not contain dots']],
  ])('IsDNS1123Label(%j)', (value, want) => {
    expect(isDns1123Label(value)).toEqual(want);
  });

  it.each([
    ['example.com', []],
    ['Bad_Name', [SUBDOMAIN]],
    ['a'.repeat(254), ['must be no more than 253 characters']],
  ])('IsDNS1123Subdomain(%j)', (value, want) => {
    expect(isDns1123Subdomain(value)).toEqual(want);
  });

  it.each([
    ['app', []],
    ['example.com/App_1', []],
    ['/app', ['prefix part must be non-empty']],
    ['Example.com/app', [`prefix part ${SUBDOMAIN}`]],
    ['example.com/', ['name part must be non-empty', `name part ${NAME}`]],
    ['k'.repeat(64), ['name part must be no more than 63 characters']],
    ['-app', [`name part ${NAME}`]],
    ['a/b/c', [`a qualified name ${NAME} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`]],
  ])('IsQualifiedName(%j)', (value, want) => {
    expect(isQualifiedName(value)).toEqual(want);
  });

  it.each([
    ['', []],
    ['v1.2_3-x', []],
    ['-v', [VALUE]],
    ['v'.repeat(64), ['must be no more than 63 characters']],
    ['é'.repeat(32), ['must be no more than 63 characters', VALUE]],
  ])('IsValidLabelValue(%j)', (value, want) => {
    expect(isValidLabelValue(value)).toEqual(want);
  });

  it('IsDNS1035Label: starts with a letter', () => {
    expect(isDns1035Label('widgets')).toEqual([]);
    expect(isDns1035Label('1widgets')[0]).toMatch(/^a DNS-1035 label must consist of /);
  });
});
