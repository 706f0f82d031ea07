// The Kubernetes CEL libraries against their documented results. Sources: the doc comments of
// k8s.io/apiserver pkg/cel/library (lists.go, regex.go, urls.go, ip.go, cidr.go, quantity.go,
// format.go, published on pkg.go.dev) and of cel-go's ext/strings.go (the strings extension
// Kubernetes enables). `ERR` marks an example documented as an error.
import { describe, expect, it } from 'vitest';
import { compile } from '../../../src/validation/cel/env.js';

const ERR = Symbol('error');

function run(expr: string): unknown {
  try {
    return compile(expr).program({});
  } catch {
    return ERR;
  }
}

const table: [string, [string, unknown][]][] = [
  ['lists', [
    ['[1, 2, 3].isSorted()', true], ["['a', 'b', 'b', 'c'].isSorted()", true], ['[2.0, 1.0].isSorted()', false], ['[1].isSorted()', true], ['[].isSorted()', true],
    ['[1, 3].sum()', 4n], ['[1.0, 3.0].sum()', 4], ['[].sum()', 0n],
    ['[1, 3].min()', 1n], ['[1, 3].max()', 3n], ['[].min()', ERR], ['[1].min()', 1n],
    ['[1, 2, 2, 3].indexOf(2)', 1n], ["['a', 'b', 'b', 'c'].lastIndexOf('b')", 2n], ['[1.0].indexOf(1.1)', -1n], ["[].indexOf('string')", -1n],
  ]],
  ['regex', [
    ["'abc 123'.find('[0-9]+')", '123'], ["'abc 123'.find('xyz')", ''],
    ["'123 abc 456'.findAll('[0-9]+')", ['123', '456']], ["'123 abc 456'.findAll('[0-9]+', 1)", ['123']], ["'123 abc 456'.findAll('xyz')", []],
  ]],
  ['urls', [
    ["url('https://user:pass@example.com:80/path?query=val#fragment').getScheme()", 'https'], ["url('/path').getScheme()", ''],
    ["url('https://example.com:80/').getHost()", 'example.com:80'], ["url('https://[::1]:80/').getHost()", '[::1]:80'], ["url('/path').getHost()", ''],
    ["url('https://example.com:80/').getHostname()", 'example.com'], ["url('https://[::1]:80/').getHostname()", '::1'],
    ["url('https://example.com:80/').getPort()", '80'], ["url('https://example.com/').getPort()", ''],
    ["url('https://example.com/path').getEscapedPath()", '/path'], ["url('https://example.com/path with spaces/').getEscapedPath()", '/path%20with%20spaces/'], ["url('https://example.com').getEscapedPath()", ''],
    ["url('https://example.com/path?k1=a&k2=b&k2=c').getQuery()", { k1: ['a'], k2: ['b', 'c'] }], ["url('https://example.com/path?').getQuery()", {}],
    ["isURL('https://user:pass@example.com:80/path?query=val#fragment')", true], ["isURL('/absolute-path')", true], ["isURL('https://a:b:c/')", false], ["isURL('../relative-path')", false],
    ["url('../relative-path')", ERR],
  ]],
  ['ip', [
    ["isIP('127.0.0.1')", true], ["isIP('::1')", true], ["isIP('1.2.3')", false], ["isIP('127.0.0.1%eth0')", false], ["isIP('::ffff:1.2.3.4')", false],
    ["ip('127.0.0.1').family()", 4n], ["ip('::1').family()", 6n],
    ["ip('127.0.0.1').isLoopback()", true], ["ip('::1').isLoopback()", true], ["ip('1.2.3.4').isLoopback()", false],
    ["ip('0.0.0.0').isUnspecified()", true], ["ip('::').isUnspecified()", true], ["ip('127.0.0.1').isUnspecified()", false],
    ["ip('224.0.0.1').isLinkLocalMulticast()", true], ["ip('ff02::1').isLinkLocalMulticast()", true], ["ip('224.0.1.1').isLinkLocalMulticast()", false],
    ["ip('169.254.169.254').isLinkLocalUnicast()", true], ["ip('fe80::1').isLinkLocalUnicast()", true], ["ip('192.168.0.1').isLinkLocalUnicast()", false],
    ["ip('192.168.0.1').isGlobalUnicast()", true], ["ip('255.255.255.255').isGlobalUnicast()", false],
    ["string(ip('127.0.0.1'))", '127.0.0.1'],
    ["ip.isCanonical('127.0.0.1')", true], ["ip.isCanonical('2001:db8::abcd')", true], ["ip.isCanonical('2001:DB8::ABCD')", false], ["ip.isCanonical('2001:db8::0:0:0:abcd')", false], ["ip('1.2.3')", ERR],
  ]],
  ['cidr', [
    ["cidr('192.168.0.0/16').containsIP(ip('192.168.0.1'))", true], ["cidr('192.168.0.0/16').containsIP('192.168.0.1')", true], ["cidr('192.168.0.0/24').containsIP('192.168.1.1')", false],
    ["cidr('192.168.0.0/16').containsCIDR(cidr('192.168.10.0/24'))", true], ["cidr('192.168.0.0/24').containsCIDR('192.168.0.0/16')", false],
    ["cidr('192.168.0.0/24').ip() == ip('192.168.0.0')", true], ["cidr('192.168.0.1/24').ip() == ip('192.168.0.1')", true],
    ["cidr('192.168.0.1/24').masked() == cidr('192.168.0.0/24')", true], ["cidr('::1/64').masked() == cidr('::/64')", true], ["cidr('192.168.0.0/24').prefixLength()", 24n],
    ["isCIDR('192.168.0.0/16')", true], ["isCIDR('192.168.0.0')", false], ["isCIDR('192.168.0.0/33')", false],
  ]],
  ['quantity', [
    ["isQuantity('1.3G')", true], ["isQuantity('1.3GiB')", false],
    ["quantity('50703M').isInteger()", true], ["quantity('50.703').isInteger()", false], ["quantity('9999999999999999999999999999999999999G').isInteger()", false],
    ["quantity('50M').asInteger()", 50000000n], ["quantity('9999999999999999999999999999999999999G').asInteger()", ERR],
    ["quantity('50.703').asApproximateFloat()", 50.703],
    ["quantity('50M').sign()", 1n], ["quantity('-50M').sign()", -1n], ["quantity('0').sign()", 0n],
    ["quantity('50M').isGreaterThan(quantity('50k'))", true], ["quantity('50k').isLessThan(quantity('50M'))", true],
    ["quantity('50M').compareTo(quantity('50M'))", 0n], ["quantity('50k').compareTo(quantity('50M'))", -1n],
    ["quantity('50k').add(quantity('20k')) == quantity('70k')", true], ["quantity('50k').add(20) == quantity('50020')", true],
    ["quantity('50k').sub(quantity('20k')) == quantity('30k')", true], ["quantity('50k').sub(20000) == quantity('30k')", true],
    ["quantity('1Gi') == quantity('1024Mi')", true], ["quantity('1Gi').isGreaterThan(quantity('500Mi'))", true],
  ]],
  ['format', [
    ["format.dns1123Label().validate('my-label-name')", undefined], ["format.dns1123Label().validate('My_Label').hasValue()", true],
    ["format.dns1123Subdomain().validate('apiextensions.k8s.io').hasValue()", false], ["format.dns1035Label().validate('1abc').hasValue()", true],
    ["format.dns1123LabelPrefix().validate('my-label-prefix-').hasValue()", false], ["format.named('dns1123Label').hasValue()", true], ["format.named('nope').hasValue()", false],
    ["format.uuid().validate('123e4567-e89b-12d3-a456-426614174000').hasValue()", false],
  ]],
  ['strings', [
    ["'hello'.charAt(4)", 'o'], ["'hello'.charAt(5)", ''], ["'hello'.charAt(-1)", ERR],
    ["'hello mellow'.indexOf('')", 0n], ["'hello mellow'.indexOf('ello')", 1n], ["'hello mellow'.indexOf('jello')", -1n], ["'hello mellow'.indexOf('', 2)", 2n], ["'hello mellow'.indexOf('ello', 2)", 7n], ["'hello mellow'.indexOf('ello', 20)", ERR],
    ["'hello mellow'.lastIndexOf('')", 12n], ["'hello mellow'.lastIndexOf('ello')", 7n], ["'hello mellow'.lastIndexOf('jello')", -1n], ["'hello mellow'.lastIndexOf('ello', 6)", 1n], ["'hello mellow'.lastIndexOf('ello', -1)", ERR],
    ["'TacoCat'.lowerAscii()", 'tacocat'], ["'TacoCÆt Xii'.lowerAscii()", 'tacocÆt xii'], ["'TacoCat'.upperAscii()", 'TACOCAT'], ["'TacoCÆt Xii'.upperAscii()", 'TACOCÆT XII'], ["'æ'.upperAscii()", 'æ'],
    ["'hello hello'.replace('he', 'we')", 'wello wello'], ["'hello hello'.replace('he', 'we', -1)", 'wello wello'], ["'hello hello'.replace('he', 'we', 1)", 'wello hello'], ["'hello hello'.replace('he', 'we', 0)", 'hello hello'],
    ["'hello hello'.replace('', '_')", '_h_e_l_l_o_ _h_e_l_l_o_'], ["'hello hello'.replace('h', '')", 'ello ello'],
    ["'hello hello hello'.split(' ')", ['hello', 'hello', 'hello']], ["'hello hello hello'.split(' ', 0)", []], ["'hello hello hello'.split(' ', 1)", ['hello hello hello']], ["'hello hello hello'.split(' ', 2)", ['hello', 'hello hello']], ["'hello hello hello'.split(' ', -1)", ['hello', 'hello', 'hello']],
    ["'tacocat'.substring(4)", 'cat'], ["'tacocat'.substring(0, 4)", 'taco'], ["'tacocat'.substring(-1)", ERR], ["'tacocat'.substring(2, 1)", ERR],
    ["' \\ttrim\\n    '.trim()", 'trim'],
    ["['hello', 'mellow'].join()", 'hellomellow'], ["['hello', 'mellow'].join(' ')", 'hello mellow'], ['[].join()', ''], ["[].join('/')", ''],
    ["'%s and %d'.format(['str', 42])", 'str and 42'], ["'%.3f'.format([1.5])", '1.500'], ["'%x'.format([30])", '1e'], ["'%o'.format([11])", '13'], ["'%b'.format([7])", '111'], ["'%%'.format([])", '%'],
    ["'gums'.reverse()", 'smug'],
  ]],
  ['sets (cel-go ext/sets.go)', [
    ['sets.contains([], [])', true], ['sets.contains([1, 2, 3, 4], [2, 3])', true], ['sets.contains([1, 2.0, 3u], [1.0, 2u, 3])', true], ['sets.contains([1], [2])', false],
    ['sets.equivalent([], [])', true], ['sets.equivalent([1], [1, 1])', true], ['sets.equivalent([1], [1u, 1.0])', true], ['sets.equivalent([1, 2, 3], [3u, 2.0, 1])', true], ['sets.equivalent([1], [2])', false],
    ['sets.intersects([1], [])', false], ['sets.intersects([1], [1, 2])', true], ['sets.intersects([[1], [2, 3]], [[1, 2], [2, 3.0]])', true],
  ]],
  ['regular expressions are RE2', [
    ["'ABC'.matches('(?i)^abc$')", true], ["'abc'.matches('^a.c\\\\z')", true], ["matches('abc', 'b')", true], ["'abc'.matches('[')", ERR],
  ]],
];

describe('Kubernetes CEL libraries', () => {
  for (const [library, cases] of table) {
    it.each(cases)(`${library}: %s`, (expr, want) => {
      const got = run(expr);
      if (want === undefined) expect(got === undefined || (typeof got === 'object' && got !== null && 'hasValue' in got && !(got as { hasValue(): boolean }).hasValue())).toBe(true);
      else expect(got).toEqual(want);
    });
  }
});
