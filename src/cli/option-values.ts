/**
 * Checks a value against its option row's kind: the config file's validation, and the check of
 * `--rename`-like flags. Every problem is one call of `fail(key, problem)`, where `problem` ends the
 * line "<key> <problem>" and says what is wanted and what was given.
 */
import type { OptionKind, RecordKind } from '../generator/option-spec.js';

/** Reports a problem with `key` (never returns). */
type Fail = (key: string, problem: string) => never;

/** The value, checked against `kind`; a copy where it is a list or record. */
export function checkValue(kind: OptionKind, key: string, value: unknown, fail: Fail): unknown {
  switch (kind.type) {
    case 'boolean':
      return typeof value === 'boolean' ? value : fail(key, `must be true or false, got ${describe(value)}`);
    case 'string':
      return typeof value === 'string' && value.trim() !== '' ? value : fail(key, `must be a non-empty string, got ${describe(value)}`);
    case 'enum':
      return (kind.choices as readonly unknown[]).includes(value) ? value : fail(key, `must be one of ${kind.choices.join(', ')}, got ${describe(value)}`);
    case 'integer':
      return Number.isInteger(value) && (value as number) >= kind.min && (value as number) <= kind.max ? value : fail(key, `must be an integer from ${kind.min} to ${kind.max}, got ${describe(value)}`);
    case 'list':
      if (!Array.isArray(value)) return fail(key, `must be an array of strings, got ${describe(value)}`);
      return value.map((item, i) => checkValue({ type: 'string' }, `${key}[${i}]`, item, fail));
    case 'record':
      return checkRecord(kind, key, value, fail);
  }
}

function checkRecord(kind: RecordKind, key: string, value: unknown, fail: Fail): Record<string, string> {
  if (!isRecord(value)) return fail(key, `must be an object of ${kind.shape}, got ${describe(value)}`);
  const out: Record<string, string> = {};
  for (const [name, to] of Object.entries(value)) {
    const at = `${key}.${name}`;
    if (!new RegExp(kind.keys.pattern).test(name)) fail(at, kind.keys.problem);
    if (typeof to !== 'string' || !new RegExp(kind.values.pattern).test(to)) fail(at, `${kind.values.problem}, got ${describe(to)}`);
    if (kind.refused?.names.has(to as string)) fail(at, `must not be ${String(to)}: ${kind.refused.why}`);
    // defineProperty: a key such as __proto__ is an own key like any other, never the prototype.
    Object.defineProperty(out, name, { value: to, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value as a message shows it: `"text"`, `number 3`, `an array`. */
export function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
