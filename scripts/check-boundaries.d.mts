/** Types for scripts/check-boundaries.mjs (plain Node ESM, no build step). */
export interface BoundaryRules {
  scanRoots: string[];
  purePackages: string[];
  pureAllowed: string[];
  testFileSuffix: string;
  pureTestAllowed: string[];
  testingFolder: string;
  testOnlyImports: string[];
  ioLibraries: string[];
  ioAllowedIn: string[];
  librariesRoot: string;
  servicePrefix: string;
  workspaceScope: string;
  exceptions: { from: string; import: string; rule: BoundaryRule; why: string }[];
}
export type BoundaryRule =
  | 'pure-package-imports'
  | 'package-imports-service'
  | 'relative-into-other-workspace'
  | 'io-library-placement'
  | 'undeclared-workspace-dependency'
  | 'production-imports-test-support';
export interface Violation {
  file: string;
  line: number;
  specifier: string;
  rule: BoundaryRule;
  message: string;
}
export interface FoundImport {
  specifier: string;
  line: number;
  dynamic: boolean;
}
export const RULES: BoundaryRules;
export const RULE_TEXT: Record<BoundaryRule, string>;
export function packageNameOf(specifier: string): string;
export function codeMask(text: string): Uint8Array;
export function findImports(text: string): FoundImport[];
export function checkBoundaries(root: string, rules?: BoundaryRules): Violation[];
export function formatViolation(v: Violation): string;
