// ts-morph, loaded with require(). Node reads a CommonJS package imported from an ES module with a
// lexer that scans its source, and the 9 MB TypeScript compiler it re-exports, for export names:
// about 0.1 s of CPU in every run and every worker thread. require() skips that scan.
import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';

const morph = createRequire(import.meta.url)('ts-morph') as typeof TsMorph;

export const { IndentationText, NewLineKind, QuoteKind, StructureKind } = morph;
export const Project = morph.Project;
export const printStructure = morph.printStructure;
export type Project = TsMorph.Project;
export const Node = morph.Node;
export type Node = TsMorph.Node;
/** The TypeScript compiler API that ts-morph bundles (its types: `import type { ts } from 'ts-morph'`). */
export const typescript = morph.ts;
