import { DEV_ONLY_IMPORTS } from './apps';

/** What a package.json declares, as far as the build checks it. */
export interface DeclaredDependencies {
  dependencies?: Record<string, string>;
}

/**
 * The problems with a published package's declared dependencies against the third-party packages its
 * build imports: every imported package must be declared (or it fails after `npm install` elsewhere),
 * nothing it does not import, and no workspace package (`@pushpull/*`: compiled into the build and not
 * on the registry). Empty when all is well.
 *
 * @example dependencyProblems({ dependencies: { pg: '^8' } }, ['pg', 'zod']) // ['imports zod …']
 */
export function dependencyProblems(manifest: DeclaredDependencies, imported: readonly string[]): string[] {
  const declared = new Set(Object.keys(manifest.dependencies ?? {}));
  const used = new Set(imported.filter((name) => !DEV_ONLY_IMPORTS.includes(name)));
  const problems = [...used]
    .filter((name) => !declared.has(name))
    .sort()
    .map((name) => `imports ${name}, which its package.json does not declare in "dependencies"`);
  for (const name of [...declared].sort()) {
    if (name.startsWith('@pushpull/')) {
      problems.push(
        `declares the workspace package ${name}: it is compiled in; move it to "devDependencies"`,
      );
    } else if (!used.has(name)) {
      problems.push(`declares ${name} in "dependencies", but the build never imports it`);
    }
  }
  return problems;
}
