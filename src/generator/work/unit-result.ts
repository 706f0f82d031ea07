import type { Diagnostic, EmittedFile } from '../model.js';
import type { ExportedName } from '../emit/group-index.js';

/** What one unit (a group) yields: plain data, so it crosses threads and the cache as JSON. */
export interface UnitResult {
  readonly files: readonly EmittedFile[];
  readonly diagnostics: readonly Diagnostic[];
  /** Files of the kinds that were typed (the others failed: see diagnostics). */
  readonly typed: readonly string[];
  /** Names of `<out>/k8s.ts` its files import (see shapes/well-known.ts), sorted. */
  readonly wellKnown: readonly string[];
  /** What each kind file exports (for the group's index), by file. */
  readonly exports: ReadonlyArray<readonly [string, readonly ExportedName[]]>;
}

const isObject = (v: unknown): v is { [key: string]: unknown } => typeof v === 'object' && v !== null;
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** True when `value` has the shape of a UnitResult (a cache entry read back is checked before use). */
export function isUnitResult(value: unknown): value is UnitResult {
  if (!isObject(value) || !Array.isArray(value.files) || !Array.isArray(value.diagnostics) || !isStringList(value.typed) || !isStringList(value.wellKnown)) return false;
  const filesOk = value.files.every((f) => isObject(f) && typeof f.path === 'string' && typeof f.contents === 'string');
  const diagnosticsOk = value.diagnostics.every((d) => isObject(d) && typeof d.severity === 'string' && typeof d.code === 'string' && typeof d.message === 'string');
  const exportsOk = Array.isArray(value.exports) && value.exports.every((e) => Array.isArray(e) && typeof e[0] === 'string' && Array.isArray(e[1]) && e[1].every((n: unknown) => isObject(n) && typeof n.name === 'string' && typeof n.type === 'boolean'));
  return filesOk && diagnosticsOk && exportsOk;
}
