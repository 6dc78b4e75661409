import { describe, expect, it } from 'vitest';
import { dependencyProblems } from './check-dependencies';

describe('dependencyProblems (a published package stands on its own)', () => {
  it('accepts exactly the imported third-party packages', () => {
    expect(dependencyProblems({ dependencies: { pg: '^8', zod: '^4' } }, ['zod', 'pg'])).toEqual([]);
  });

  it('names an import that is not declared, a declared package never imported, and a workspace package', () => {
    const problems = dependencyProblems(
      { dependencies: { '@pushpull/core': '*', commander: '^14', pg: '^8' } },
      ['pg', 'kafkajs'],
    );
    expect(problems).toEqual([
      'imports kafkajs, which its package.json does not declare in "dependencies"',
      'declares the workspace package @pushpull/core: it is compiled in; move it to "devDependencies"',
      'declares commander in "dependencies", but the build never imports it',
    ]);
  });

  it('does not ask for the imports only the sources reach (Vite builds the UI when they run directly)', () => {
    expect(dependencyProblems({ dependencies: { pg: '^8' } }, ['pg', 'vite'])).toEqual([]);
  });
});
