// The README stays true: its CLI reference is each command's --help, its type mapping examples are
// lines of the golden output, and its runtime and controller examples compile against the generated code.
// CRDGEN_UPDATE_README=1 rewrites the --help blocks (then review the diff).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { CORPUS, explainMissingCorpus, HAS_CORPUS } from '../support/corpus.js';
import { GENERATED, ROOT } from '../support/fixtures.js';
import { STRICT_NODENEXT, typecheck } from '../support/typecheck.js';
import { GENERATE_TABLE } from '../../src/cli/cli-options.js';
import { CONFIG_KEYS } from '../../src/cli/config.js';
import { flagName, type OptionRow } from '../../src/generator/option-spec.js';

const README = join(ROOT, 'README.md');
const HELP_BLOCK = /<!-- help: (crdgen[^>]*?) -->\n(?:```text\n([\s\S]*?)```\n)?<!-- \/help -->/g;

/** The README with every --help block replaced by what the CLI prints now. */
async function withCurrentHelp(text: string): Promise<string> {
  let out = text;
  for (const match of text.matchAll(HELP_BLOCK)) {
    const argv = (match[1] as string).split(' ').slice(1);
    const run = await runCli(argv, { cwd: ROOT });
    expect(run.code, `${match[1]} exits 0`).toBe(0);
    out = out.replace(match[0], `<!-- help: ${match[1]} -->\n\`\`\`text\n${run.stdout.trimEnd()}\n\`\`\`\n<!-- /help -->`);
  }
  return out;
}

const CONFIG_BLOCK = /<!-- config-keys -->\n[\s\S]*?<!-- \/config-keys -->/;

/** The README's table of config keys, from the option rows (what the schema says, in a table). */
function configKeysTable(): string {
  const cell = (text: string) => text.replace(/[|*_<>]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));
  const rows = CONFIG_KEYS.filter((key) => key !== '$schema').map((key) => {
    const row = GENERATE_TABLE[key as keyof typeof GENERATE_TABLE] as OptionRow;
    const flag = row.flag === 'positional' ? `[${key}..]` : row.alias !== undefined ? `-${row.alias}` : `--${flagName(key, row)}${row.kind.type === 'record' ? ` ${row.kind.flagForm.split(' ')[0]}` : ''}`;
    const choices = row.kind.type === 'enum' ? ` One of ${row.kind.choices.map((c) => `\`${c}\``).join(', ')}.` : '';
    const fallback = row.default === undefined ? '' : `\`${JSON.stringify(row.default)}\``;
    return `| \`${key}\` | \`${flag}\` | ${fallback} | ${cell(row.doc)}${choices} |`;
  });
  return ['<!-- config-keys -->', '| key | flag | default | meaning |', '|---|---|---|---|', ...rows, '<!-- /config-keys -->'].join('\n');
}

describe('README', () => {
  it('the update and replace patterns compile against a real CRD with a required spec (cert-manager Certificate)', async () => {
    const text = readFileSync(README, 'utf8');
    const [, folder, code] = /<!-- example: corpus ([\w-]+) -->\n```ts\n([\s\S]*?)```\n<!-- \/example -->/.exec(text) ?? [];
    expect(folder).toBe('cert-manager');
    if (!HAS_CORPUS) {
      explainMissingCorpus();
      return;
    }
    mkdirSync(join(ROOT, 'tmp'), { recursive: true });
    const dir = mkdtempSync(join(ROOT, 'tmp', 'readme-corpus-'));
    const generated = await runCli(['generate', join(CORPUS, folder as string), '-o', join(dir, 'generated')], { cwd: ROOT });
    expect(generated.code, generated.stderr).toBe(0);
    const file = join(dir, 'example.ts');
    writeFileSync(file, `${code as string}export {};\n`);
    // The spread pattern the README used to show fails here: spec's required fields are lost.
    const spread = join(dir, 'spread.ts');
    writeFileSync(spread, `import { CertificateApi } from './generated/cert-manager.io/v1/index.js';\nawait new CertificateApi().update('s', (c) => ({ ...c, spec: { ...c.spec, renewBefore: '720h' } }));\nexport {};\n`);
    const errors = typecheck([file, spread], STRICT_NODENEXT, (path) => path === file || path === spread).split('\n');
    expect(errors.filter((line) => line.startsWith(file)).join('\n')).toBe('');
    expect(errors.some((line) => line.startsWith(spread))).toBe(true);
  });

  it('keeps the two set-up commands at the top and the test server section', () => {
    const text = readFileSync(README, 'utf8');
    const setup = text.slice(0, text.indexOf('## Install'));
    expect(setup).toContain('npm install && npm run generate');
    expect(setup).toContain('npm test ');
    expect(text).toContain('\n## Test API server\n');
  });

  it('CLI reference: one block per command, each exactly its --help', async () => {
    const text = readFileSync(README, 'utf8');
    const top = await runCli(['--help'], { cwd: ROOT });
    const commands = [...top.stdout.matchAll(/^ {2}crdgen ([a-z-]+)/gm)].map((m) => m[1]);
    const documented = [...text.matchAll(HELP_BLOCK)].map((m) => m[1]);
    expect(documented).toEqual(['crdgen --help', ...commands.map((c) => `crdgen ${c} --help`)]);
    const current = await withCurrentHelp(text);
    if (process.env.CRDGEN_UPDATE_README === '1') writeFileSync(README, current);
    else expect(text, 'README --help blocks are stale: CRDGEN_UPDATE_README=1 npx vitest run test/cli/readme.test.ts').toBe(current);
  });

  it('config keys: one row per key of the option table (CRDGEN_UPDATE_README=1 rewrites it)', () => {
    const text = readFileSync(README, 'utf8');
    expect(text).toMatch(CONFIG_BLOCK);
    const current = text.replace(CONFIG_BLOCK, configKeysTable());
    if (process.env.CRDGEN_UPDATE_README === '1') writeFileSync(README, current);
    else expect(text, 'README config keys are stale: CRDGEN_UPDATE_README=1 npx vitest run test/cli/readme.test.ts').toBe(current);
  });

  it('type mapping: every example is a line of generated/mapping.example.com/v1', () => {
    const text = readFileSync(README, 'utf8');
    const table = text.slice(text.indexOf('## Type mapping'), text.indexOf('## Runtime API'));
    const rows = table.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| schema'));
    expect(rows.length).toBeGreaterThan(15);
    for (const row of rows) {
      const example = /`((?:[^`])+)` in `([a-z]+\.ts)` \|$/.exec(row);
      expect(example, row).not.toBeNull();
      const [, code, file] = example as unknown as [string, string, string];
      const generated = readFileSync(join(GENERATED, 'mapping.example.com/v1', file), 'utf8');
      expect(generated, `${file} has ${code}`).toContain(code.replaceAll('\\|', '|'));
    }
  });

  it('every runtime example compiles against the generated code', () => {
    const text = readFileSync(README, 'utf8');
    const examples = [...text.matchAll(/<!-- example: ([\w-]+) -->\n```ts\n([\s\S]*?)```\n<!-- \/example -->/g)];
    expect(text).toContain('<!-- example: corpus cert-manager -->');
    expect(examples.map((m) => m[1])).toEqual(['runtime', 'runtime-more', 'controller']);
    mkdirSync(join(ROOT, 'tmp'), { recursive: true });
    const dir = mkdtempSync(join(ROOT, 'tmp', 'readme-'));
    const files = examples.map(([, name, code]) => {
      const file = join(dir, `${name}.ts`);
      writeFileSync(file, `${(code as string).replaceAll("'./generated/", `'${relative(dir, GENERATED)}/`)}export {};\n`);
      return file;
    });
    expect(typecheck(files, STRICT_NODENEXT, (path) => files.includes(path))).toBe('');
  });
});
