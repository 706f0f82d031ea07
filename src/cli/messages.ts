/** What the CLI prints on stderr besides results: diagnostics one line each, counts, progress. */
import { formatDiagnostic } from '../generator/diagnostics.js';
import type { Diagnostic } from '../generator/model.js';
import type { CliContext } from './context.js';

/** How many findings of one code are printed before the rest are counted. */
const PER_CODE = 5;

/**
 * Prints diagnostics one line each on stderr: errors all, warnings grouped by code (the first few,
 * then a count), infos only when verbose.
 */
export function printDiagnostics(diagnostics: readonly Diagnostic[], ctx: CliContext, opts: { quiet?: boolean; verbose?: boolean }): void {
  const shown = diagnostics.filter((d) => d.severity === 'error' || (d.severity === 'warning' && !opts.quiet) || (d.severity === 'info' && opts.verbose));
  const byCode = new Map<string, Diagnostic[]>();
  for (const d of shown) byCode.set(`${d.severity} ${d.code}`, [...(byCode.get(`${d.severity} ${d.code}`) ?? []), d]);
  for (const [key, list] of [...byCode].sort(([a], [b]) => severityRank(a) - severityRank(b) || (a < b ? -1 : 1))) {
    const limit = key.startsWith('error') || opts.verbose ? list.length : PER_CODE;
    for (const d of list.slice(0, limit)) ctx.stderr(`${formatDiagnostic(d)}\n`);
    if (list.length > limit) ctx.stderr(`... and ${list.length - limit} more ${key.split(' ')[0]}s [${key.split(' ')[1]}] (--verbose shows all)\n`);
  }
}

const severityRank = (key: string) => (key.startsWith('error') ? 0 : key.startsWith('warning') ? 1 : 2);

export function countBySeverity(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  return {
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
  };
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(1)}s`;
}

/** A progress line that rewrites itself on a terminal; silent elsewhere and for short runs. */
export function progress(ctx: CliContext, enabled: boolean): { update: (done: number, total: number, what: string) => void; end: () => void } {
  const started = Date.now();
  let drawn = false;
  return {
    update: (done, total, what) => {
      if (!enabled || !ctx.isTTY || Date.now() - started < 1000) return;
      drawn = true;
      ctx.stderr(`\r\x1b[2K${done}/${total} ${what}`.slice(0, 120));
    },
    end: () => {
      if (drawn) ctx.stderr('\r\x1b[2K');
    },
  };
}
