import jsyaml from 'js-yaml';
import { parseAllDocuments } from 'yaml';

/**
 * The values of a YAML stream's documents, for tests that read CRD files as data (the corpus
 * above all, 30 MB). js-yaml with its core schema (no timestamps, no merge keys: what the `yaml`
 * package reads by default; the two give JSON-equal values for every corpus file) reads it about
 * seven times faster. A stream js-yaml refuses is read with `yaml`, keeping the documents without
 * errors.
 */
export function yamlValues(text: string): unknown[] {
  try {
    return jsyaml.loadAll(text, undefined, { schema: jsyaml.CORE_SCHEMA });
  } catch {
    return parseAllDocuments(text).flatMap((d) => ('toJS' in d && d.errors.length === 0 ? [d.toJS({ maxAliasCount: -1 }) as unknown] : []));
  }
}
