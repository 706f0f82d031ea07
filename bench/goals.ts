// The goals of `npm run bench` (issue 13), each printed beside the ratio measured in the same run.
import { fmtMs, type Sample } from './measure.js';

export interface Goal {
  readonly label: string;
  readonly value: number;
  readonly op: '<=' | '>=';
  readonly target: number;
  readonly unit: 'x' | 'MB' | '%';
}

const goals: Goal[] = [];

export function goal(label: string, value: number, op: Goal['op'], target: number, unit: Goal['unit'] = 'x'): void {
  goals.push({ label, value, op, target, unit });
}

const met = (g: Goal) => (Number.isNaN(g.value) ? false : g.op === '<=' ? g.value <= g.target : g.value >= g.target);
const show = (value: number, unit: Goal['unit']) => (Number.isNaN(value) ? 'n/a' : unit === 'x' ? `${value.toFixed(2)}x` : unit === '%' ? `${value.toFixed(1)}%` : `${Math.round(value)} MB`);

/** The table of every goal: measured, goal, met or not. */
export function printGoals(): void {
  console.log('\nGoals (issue 13), measured in this run:');
  const width = Math.max(...goals.map((g) => g.label.length));
  for (const g of goals) {
    const verdict = Number.isNaN(g.value) ? 'not measured' : met(g) ? 'met' : 'MISSED';
    console.log(`  ${g.label.padEnd(width)}  ${show(g.value, g.unit).padStart(9)}   goal ${g.op} ${show(g.target, g.unit).padEnd(8)} ${verdict}`);
  }
}

/** One measured command as a line: wall, CPU, CPU/wall, peak memory, status. */
export function line(name: string, s: Sample): string {
  const cores = s.cpuMs / s.wallMs;
  const status = s.ok ? '' : `  FAILED ${s.note}`;
  return `  ${name.padEnd(34)} wall ${fmtMs(s.wallMs).padStart(8)}  cpu ${fmtMs(s.cpuMs).padStart(8)}  cpu/wall ${cores.toFixed(2)}  peak ${s.maxRssMb.toFixed(0).padStart(5)} MB${status}`;
}

export const ratio = (a: number, b: number): number => (b > 0 && Number.isFinite(a) ? a / b : Number.NaN);
