/**
 * The JSON Schema of the config file, derived from the option rows the config reader accepts.
 * schema/crdgen.config.schema.json is this text; `npm run schema` writes it, and
 * test/cli/config-schema.test.ts fails when the shipped file differs. A record's refused values
 * (the type names a rename must not take) are checked by the reader only: the schema would list
 * every reserved word.
 */
import type { OptionKind, OptionRow } from '../generator/option-spec.js';
import { GENERATE_TABLE } from './cli-options.js';
import { CONFIG_KEYS } from './config.js';

/** The schema of one value of this kind (what the reader's checkValue accepts). */
function kindSchema(kind: OptionKind): Record<string, unknown> {
  const text = { type: 'string', minLength: 1 };
  switch (kind.type) {
    case 'boolean':
      return { type: 'boolean' };
    case 'string':
      return text;
    case 'enum':
      return { enum: [...kind.choices] };
    case 'integer':
      return { type: 'integer', minimum: kind.min, maximum: kind.max };
    case 'list':
      return { type: 'array', items: text };
    case 'record':
      return { type: 'object', propertyNames: { pattern: kind.keys.pattern }, additionalProperties: { type: 'string', pattern: kind.values.pattern } };
  }
}

function propertySchema(row: OptionRow): Record<string, unknown> {
  return {
    ...kindSchema(row.kind),
    ...(row.default !== undefined ? { default: row.default } : {}),
    description: row.doc,
    ...(row.examples !== undefined ? { examples: row.examples } : {}),
  };
}

/** The config file's JSON Schema, as an object. */
export function configSchema(): Record<string, unknown> {
  const rows = GENERATE_TABLE as Readonly<Record<string, OptionRow>>;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'crdgen configuration',
    description:
      'Options of `crdgen generate`, in crdgen.config.json or under the "crdgen" key of package.json. Paths are relative to the file. Command-line flags override these values.',
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(CONFIG_KEYS.map((key) => [key, propertySchema(rows[key] as OptionRow)])),
  };
}

/** The schema file's text: two-space JSON and a final newline. */
export function configSchemaText(): string {
  return `${JSON.stringify(configSchema(), null, 2)}\n`;
}
