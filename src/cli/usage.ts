/**
 * Usage errors a user can act on: yargs' "Unknown argument: chek" and "Did you mean generate?"
 * become one line naming what was typed and the nearest flag or command that exists.
 */
import { readFileSync } from 'node:fs';
import { nearest } from '../generator/suggest.js';

export const COMMAND_NAMES = ['generate', 'list', 'init', 'scaffold', 'test-server'] as const;

/** crdgen's version, from its package.json (two folders up from src/cli/ and from dist/cli/). */
export function crdgenVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

/** The command the user typed (the first word that is not a flag), if any. */
export function typedCommand(argv: readonly string[]): string | undefined {
  return argv.find((arg) => !arg.startsWith('-'));
}

/** Every `--flag` a help text lists. */
export function flagsInHelp(help: string): string[] {
  return [...new Set([...help.matchAll(/(?:^|\s)--([a-z][a-z0-9-]*)/g)].map((m) => m[1] as string))];
}

/**
 * The line for a yargs failure message, given the typed arguments and the flags of the command;
 * undefined when the message is not one this improves.
 */
export function explainUsage(message: string, argv: readonly string[], flags: readonly string[]): string | undefined {
  const command = typedCommand(argv);
  const recommended = /^Did you mean (\S+)\?$/.exec(message)?.[1];
  if (recommended !== undefined) return `unknown command ${command ?? ''} (did you mean ${recommended}?)`;
  const invalid = /^Invalid values:\s+Argument: (\S+), Given: (.+), Choices: (.+)$/s.exec(message);
  if (invalid) return `--${invalid[1]} ${invalid[2]?.replace(/^"|"$/g, '')}: choose one of ${invalid[3]?.replace(/"/g, '')}`;
  const unknown = /^Unknown arguments?: (.+)$/.exec(message)?.[1];
  if (unknown === undefined) return undefined;
  const names = unknown.split(', ');
  if (command !== undefined && !(COMMAND_NAMES as readonly string[]).includes(command) && names.includes(command)) {
    const near = nearest(command, COMMAND_NAMES);
    return `unknown command ${command} (${near ? `did you mean ${near}? ` : ''}commands: ${COMMAND_NAMES.join(', ')})`;
  }
  return names
    .map((name) => {
      const typed = argv.find((arg) => arg.replace(/^-+/, '').split('=')[0] === name || camelToKebab(arg) === name) ?? `--${name}`;
      const flag = typed.replace(/^-+/, '').split('=')[0] as string;
      const near = nearest(flag, flags);
      return `unknown option ${typed.split('=')[0]}${near ? ` (did you mean --${near}?)` : ''}`;
    })
    .join('; ');
}

const camelToKebab = (arg: string): string => arg.replace(/^-+/, '').split('=')[0]?.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) ?? '';
