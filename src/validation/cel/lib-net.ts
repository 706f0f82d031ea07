/**
 * Kubernetes' URL and IP/CIDR CEL libraries (apiserver pkg/cel/library/{urls,ip,cidr}.go).
 * `url()` accepts what Go's url.ParseRequestURI accepts (an absolute URI or an absolute path);
 * `ip()` what netip.ParseAddr accepts, without zones and IPv4-mapped IPv6 addresses, as there.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { isIPv6 } from 'node:net';
import { celError } from './values.js';

export class KubeUrl {
  constructor(readonly scheme: string, readonly host: string, readonly path: string, readonly query: string) {}
}

const ABSOLUTE = /^([A-Za-z][A-Za-z0-9+.-]*):(\/\/([^/?#]*))?([^?#]*)(\?[^#]*)?(#.*)?$/;

function parseUrl(s: string): KubeUrl | undefined {
  if (s.startsWith('/')) {
    const [path = '', query = ''] = s.split('#')[0]?.split('?', 2) ?? [];
    return new KubeUrl('', '', path, query);
  }
  const m = ABSOLUTE.exec(s);
  // Go refuses control characters anywhere and a host whose port is not all digits.
  if (!m || /[\x00-\x1f\x7f]/.test(s) || !validHost(m[3] ?? '')) return undefined;
  return new KubeUrl(m[1] ?? '', m[3] ?? '', m[4] ?? '', (m[5] ?? '').slice(1));
}

function validHost(host: string): boolean {
  const h = host.replace(/^[^@]*@/, '');
  const rest = h.startsWith('[') ? h.slice(h.indexOf(']') + 1) : h;
  if (h.startsWith('[') && !h.includes(']')) return false;
  const colon = rest.indexOf(':');
  return colon < 0 || /^\d*$/.test(rest.slice(colon + 1));
}

/** Go's URL.EscapedPath: the path with what may not appear in one percent-encoded. */
function escapedPath(u: KubeUrl): string {
  return u.path.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/gu, (c) => encodeURIComponent(c));
}

function hostname(u: KubeUrl): string {
  const h = u.host.replace(/^[^@]*@/, '');
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']'));
  return h.replace(/:\d*$/, '');
}

function port(u: KubeUrl): string {
  const h = u.host.replace(/^[^@]*@/, '');
  const m = /:(\d*)$/.exec(h.startsWith('[') ? h.slice(h.indexOf(']') + 1) : h);
  return m?.[1] ?? '';
}

function query(u: KubeUrl): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of new URLSearchParams(u.query)) (out[k] ??= []).push(v);
  return out;
}

export class KubeIp {
  constructor(readonly text: string, readonly family: 4 | 6, readonly bytes: readonly number[]) {}
}

function parseIPv4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255)) return undefined;
  return parts.map(Number);
}

function parseIPv6(s: string): number[] | undefined {
  if (!isIPv6(s) || s.includes('%')) return undefined;
  const [head = '', tail] = s.split('::');
  const groups = (x: string) => (x === '' ? [] : x.split(':'));
  const expand = (gs: string[]) => gs.flatMap((g) => (g.includes('.') ? (parseIPv4(g) ?? []) : [parseInt(g, 16) >> 8, parseInt(g, 16) & 255]));
  const left = expand(groups(head));
  const right = tail === undefined ? [] : expand(groups(tail));
  return [...left, ...Array<number>(16 - left.length - right.length).fill(0), ...right];
}

function parseIp(s: string): KubeIp | undefined {
  const v4 = parseIPv4(s);
  if (v4) return new KubeIp(s, 4, v4);
  const v6 = parseIPv6(s);
  if (!v6) return undefined;
  if (v6.slice(0, 10).every((b) => b === 0) && v6[10] === 255 && v6[11] === 255 && s.includes('.')) return undefined;
  return new KubeIp(s, 6, v6);
}

function ip(s: string): KubeIp {
  const parsed = parseIp(s);
  if (!parsed) throw celError(`IP Address ${JSON.stringify(s)} parse error during conversion from string: ParseAddr(${JSON.stringify(s)}): unable to parse IP`);
  return parsed;
}

export class KubeCidr {
  constructor(readonly text: string, readonly ip: KubeIp, readonly prefix: number) {}
}

function parseCidr(s: string): KubeCidr | undefined {
  const [addr = '', bits, extra] = s.split('/');
  const parsed = parseIp(addr);
  if (!parsed || extra !== undefined || bits === undefined || !/^(0|[1-9]\d*)$/.test(bits)) return undefined;
  const prefix = Number(bits);
  return prefix > parsed.bytes.length * 8 ? undefined : new KubeCidr(s, parsed, prefix);
}

function masked(bytes: readonly number[], prefix: number): number[] {
  return bytes.map((b, i) => {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    return b & ((0xff << (8 - keep)) & 0xff);
  });
}

function ipText(bytes: readonly number[]): string {
  if (bytes.length === 4) return bytes.join('.');
  const groups = Array.from({ length: 8 }, (_, i) => (((bytes[2 * i] ?? 0) << 8) | (bytes[2 * i + 1] ?? 0)).toString(16));
  const text = groups.join(':');
  // The longest run of two or more zero groups becomes '::', as Go's netip prints it.
  const runs = [...text.matchAll(/(^|:)0(:0)+(:|$)/g)].sort((a, b) => b[0].length - a[0].length);
  const best = runs[0];
  return best ? `${text.slice(0, best.index)}::${text.slice((best.index ?? 0) + best[0].length)}` : text;
}

function maskedCidr(c: KubeCidr): KubeCidr {
  const bytes = masked(c.ip.bytes, c.prefix);
  const text = ipText(bytes);
  return new KubeCidr(`${text}/${c.prefix}`, new KubeIp(text, c.ip.family, bytes), c.prefix);
}

function contains(c: KubeCidr, other: KubeIp, otherPrefix: number): boolean {
  if (other.family !== c.ip.family || otherPrefix < c.prefix) return false;
  return masked(other.bytes, c.prefix).every((b, i) => b === masked(c.ip.bytes, c.prefix)[i]);
}

function isLoopback(a: KubeIp): boolean {
  return a.family === 4 ? a.bytes[0] === 127 : a.bytes.every((b, i) => b === (i === 15 ? 1 : 0));
}

function registerIp(env: Environment): void {
  env.registerType('net.IP', KubeIp);
  env.registerOperator('net.IP == net.IP', (a: KubeIp, b: KubeIp) => a.bytes.every((x, i) => x === b.bytes[i]) && a.family === b.family);
  env
    .registerFunction('isIP(string): bool', (s: string) => parseIp(s) !== undefined)
    .registerFunction('ip(string): net.IP', ip)
    .registerFunction('string(net.IP): string', (a: KubeIp) => a.text)
    .registerFunction('k8s_ip_isCanonical(string): bool', (s: string) => ipText(ip(s).bytes) === s)
    .registerFunction('net.IP.family(): int', (a: KubeIp) => BigInt(a.family))
    .registerFunction('net.IP.isUnspecified(): bool', (a: KubeIp) => a.bytes.every((b) => b === 0))
    .registerFunction('net.IP.isLoopback(): bool', isLoopback)
    .registerFunction('net.IP.isLinkLocalUnicast(): bool', (a: KubeIp) => (a.family === 4 ? a.bytes[0] === 169 && a.bytes[1] === 254 : a.bytes[0] === 0xfe && ((a.bytes[1] ?? 0) & 0xc0) === 0x80))
    .registerFunction('net.IP.isLinkLocalMulticast(): bool', (a: KubeIp) => (a.family === 4 ? a.bytes[0] === 224 && a.bytes[1] === 0 && a.bytes[2] === 0 : a.bytes[0] === 0xff && ((a.bytes[1] ?? 0) & 0x0f) === 2))
    .registerFunction('net.IP.isGlobalUnicast(): bool', (a: KubeIp) => !isLoopback(a) && !a.bytes.every((b) => b === 0) && (a.family === 4 ? (a.bytes[0] ?? 0) < 224 && !(a.bytes[0] === 169 && a.bytes[1] === 254) && !a.bytes.every((b) => b === 255) : a.bytes[0] !== 0xff && !(a.bytes[0] === 0xfe && ((a.bytes[1] ?? 0) & 0xc0) === 0x80)));
}

function registerCidr(env: Environment): void {
  const cidr = (s: string): KubeCidr => {
    const parsed = parseCidr(s);
    if (!parsed) throw celError(`network address parse error during conversion from string: network address parse error during conversion from string: netip.ParsePrefix(${JSON.stringify(s)}): bad prefix`);
    return parsed;
  };
  env.registerType('net.CIDR', KubeCidr);
  env.registerOperator('net.CIDR == net.CIDR', (a: KubeCidr, b: KubeCidr) => a.prefix === b.prefix && a.ip.bytes.every((x, i) => x === b.ip.bytes[i]));
  env
    .registerFunction('isCIDR(string): bool', (s: string) => parseCidr(s) !== undefined)
    .registerFunction('cidr(string): net.CIDR', cidr)
    .registerFunction('string(net.CIDR): string', (c: KubeCidr) => c.text)
    .registerFunction('net.CIDR.prefixLength(): int', (c: KubeCidr) => BigInt(c.prefix))
    .registerFunction('net.CIDR.ip(): net.IP', (c: KubeCidr) => c.ip)
    .registerFunction('net.CIDR.masked(): net.CIDR', (c: KubeCidr) => maskedCidr(c))
    .registerFunction('net.CIDR.containsIP(net.IP): bool', (c: KubeCidr, a: KubeIp) => contains(c, a, a.bytes.length * 8))
    .registerFunction('net.CIDR.containsIP(string): bool', (c: KubeCidr, s: string) => contains(c, ip(s), ip(s).bytes.length * 8))
    .registerFunction('net.CIDR.containsCIDR(net.CIDR): bool', (c: KubeCidr, o: KubeCidr) => contains(c, o.ip, o.prefix))
    .registerFunction('net.CIDR.containsCIDR(string): bool', (c: KubeCidr, s: string) => contains(c, cidr(s).ip, cidr(s).prefix));
}

export function registerNetLibraries(env: Environment): void {
  const url = (s: string): KubeUrl => {
    const parsed = parseUrl(s);
    if (!parsed) throw celError(`URL parse error during conversion from string: parse ${JSON.stringify(s)}: invalid URI for request`);
    return parsed;
  };
  env
    .registerType('net.URL', KubeUrl)
    .registerFunction('url(string): net.URL', url)
    .registerFunction('isURL(string): bool', (s: string) => parseUrl(s) !== undefined)
    .registerFunction('net.URL.getScheme(): string', (u: KubeUrl) => u.scheme)
    .registerFunction('net.URL.getHost(): string', (u: KubeUrl) => u.host.replace(/^[^@]*@/, ''))
    .registerFunction('net.URL.getHostname(): string', hostname)
    .registerFunction('net.URL.getPort(): string', port)
    .registerFunction('net.URL.getEscapedPath(): string', escapedPath)
    .registerFunction('net.URL.getQuery(): map<string, list<string>>', query);
  registerIp(env);
  registerCidr(env);
}
