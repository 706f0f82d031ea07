// schema/crdgen.config.schema.json is derived from the option tables: the shipped file must be
// exactly what `npm run schema` writes, and what it allows must be what the config reader accepts.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema, configSchemaText } from '../../src/cli/config-schema.js';
import { CONFIG_KEYS, CONFIG_SCHEMA_PATH, validateConfig } from '../../src/cli/config.js';
import { GENERATE_TABLE } from '../../src/cli/cli-options.js';
import { ROOT } from '../support/fixtures.js';

interface PropertySchema {
  type?: string;
  enum?: string[];
  default?: unknown;
  minLength?: number;
  items?: PropertySchema;
  propertyNames?: { pattern: string };
  additionalProperties?: PropertySchema;
}

const properties = configSchema().properties as Record<string, PropertySchema>;

describe('the config JSON Schema', () => {
  it('the shipped file is the derived one (npm run schema rewrites it)', () => {
    expect(readFileSync(join(ROOT, CONFIG_SCHEMA_PATH), 'utf8'), 'schema/crdgen.config.schema.json is stale: run npm run schema').toBe(configSchemaText());
  });

  it('has a property for every config key, none for a flag-only option', () => {
    expect(Object.keys(properties)).toEqual([...CONFIG_KEYS]);
    for (const flagOnly of ['check', 'report', 'json', 'quiet', 'verbose', 'watch', 'config', 'fromCluster', 'context', 'kubeconfig']) {
      expect(Object.hasOwn(GENERATE_TABLE, flagOnly), flagOnly).toBe(true);
      expect(properties[flagOnly], flagOnly).toBeUndefined();
    }
  });

  it('every default it states is one the reader accepts, and a value of the wrong kind is refused by both', () => {
    for (const [key, property] of Object.entries(properties)) {
      if (property.default !== undefined) expect(() => validateConfig({ [key]: property.default }, 'c.json'), key).not.toThrow();
      const wrong = property.type === 'boolean' ? 'yes' : property.type === 'array' ? [7] : 7;
      expect(() => validateConfig({ [key]: wrong }, 'c.json'), key).toThrow(`c.json: "${key}`);
    }
  });

  it('an empty string is refused by both', () => {
    for (const [key, property] of Object.entries(properties)) {
      const text = property.type === 'array' ? property.items : property.type === 'string' ? property : undefined;
      if (text === undefined) continue;
      expect(text.minLength, key).toBe(1);
      expect(() => validateConfig({ [key]: property.type === 'array' ? [''] : '' }, 'c.json'), key).toThrow(/must be a non-empty string/);
    }
  });

  it('the script behind npm run schema, with --check, says it is up to date and writes nothing', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/write-config-schema.ts', '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect({ code: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ code: 0, stdout: `${CONFIG_SCHEMA_PATH}: up to date\n`, stderr: '' });
  });
});
