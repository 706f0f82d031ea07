import { describe, expect, it } from 'vitest';
import { article, withArticle } from '../../../src/generator/emit/article.js';

// Given a kind name, want the article a reader would say before it.
const table: Array<[string, 'a' | 'an']> = [
  ['Exporter', 'an'],
  ['ExporterSet', 'an'],
  ['Issuer', 'an'],
  ['Order', 'an'],
  ['Application', 'an'],
  ['Umbrella', 'an'],
  ['Widget', 'a'],
  ['Certificate', 'a'],
  ['ServiceMonitor', 'a'],
  ['MySQLCluster', 'a'],
  // vowel letters that sound like consonants
  ['User', 'a'],
  ['Usage', 'a'],
  ['UnitTest', 'a'],
  ['EuropeRegion', 'a'],
  ['OneTimeJob', 'a'],
  // silent h
  ['HourlySchedule', 'an'],
  ['HonestBroker', 'an'],
  ['Host', 'a'],
  // capitals read letter by letter
  ['HTTPRoute', 'an'],
  ['S3Bucket', 'an'],
  ['SQLInstance', 'an'],
  ['XRD', 'an'],
  ['MRD', 'an'],
  ['IPAddressPool', 'an'],
  ['OCIRepository', 'an'],
  ['FQDNPolicy', 'an'],
  ['LDAPConfig', 'an'],
  ['UDPRoute', 'a'],
  ['URLMap', 'a'],
  ['GRPCRoute', 'a'],
  ['TCPRoute', 'a'],
  ['TLSRoute', 'a'],
  ['K8sCluster', 'a'],
  ['CRD', 'a'],
  // capitals read as a word
  ['NATSCluster', 'a'],
  ['NATGateway', 'a'],
  ['SAMLProvider', 'a'],
  ['UNIXSocket', 'a'],
];

describe('article', () => {
  it.each(table)('%s -> %s', (name, want) => {
    expect(article(name)).toBe(want);
  });

  it('withArticle puts it before the name', () => {
    expect(withArticle('HTTPRoute')).toBe('an HTTPRoute');
    expect(withArticle('User')).toBe('a User');
  });
});
