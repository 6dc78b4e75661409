import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkBoundaries, findImports, RULES } from '../../../scripts/check-boundaries.mjs';

type Tree = Record<string, string>;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function pkg(name: string, deps: string[] = []): string {
  return JSON.stringify({ name, dependencies: Object.fromEntries(deps.map((d) => [d, '*'])) });
}

/** A small clean repo: two pure packages, the bus, a service. */
function cleanTree(): Tree {
  return {
    'packages/core/package.json': pkg('@pushpull/core', ['zod']),
    'packages/core/src/index.ts': [
      "import { z } from 'zod';",
      "import { createHash } from 'node:crypto';",
      "export { thing } from './thing';",
      '/** @example',
      " * import { Kafka } from 'kafkajs';",
      ' */',
      'export const note = "import x from \'pg\'";',
      'export const a = z.string().parse(createHash);',
    ].join('\n'),
    'packages/core/src/thing.ts': 'export const thing = 1;\n',
    'packages/core/src/thing.test.ts':
      "import { it } from 'vitest';\nimport { readFileSync } from 'node:fs';\n",
    'packages/org/package.json': pkg('@pushpull/org', ['@pushpull/core']),
    'packages/org/src/index.ts':
      "import type { thing } from '@pushpull/core';\nexport type T = typeof thing;\n",
    'packages/bus/package.json': pkg('@pushpull/bus', ['kafkajs', '@pushpull/core']),
    'packages/bus/src/kafka.ts':
      "import { Kafka } from 'kafkajs';\nimport { thing } from '@pushpull/core';\n",
    'services/classifier/package.json': pkg('@pushpull/service-classifier', ['@pushpull/bus', 'pino']),
    'services/classifier/src/main.ts':
      "import pino from 'pino';\nconst bus = await import('@pushpull/bus');\n",
  };
}

function write(tree: Tree): string {
  const root = mkdtempSync(path.join(tmpdir(), 'boundaries-'));
  dirs.push(root);
  for (const [file, text] of Object.entries(tree)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

function rulesFired(tree: Tree) {
  return checkBoundaries(write(tree)).map((v) => `${v.file}:${v.line} ${v.specifier} ${v.rule}`);
}

describe('check-boundaries', () => {
  it('passes a clean tree (comments, strings and tests of pure packages do not count)', () => {
    expect(rulesFired(cleanTree())).toEqual([]);
  });

  it('finds static, export-from, multi-line and dynamic imports with their lines', () => {
    const found = findImports(
      "import a from 'a';\nimport {\n  b,\n} from 'b';\nexport * from 'c';\nimport 'd';\nconst e = import('e');\n",
    );
    expect(found.map((f) => `${f.line}:${f.specifier}`)).toEqual(['1:a', '4:b', '5:c', '6:d', '7:e']);
  });

  it.each<{ rule: string; added: Tree; fired: string[] }>([
    {
      rule: 'a pure package may not import a non-pure library or an impure workspace',
      added: {
        'packages/core/src/io.ts': "import { thing } from './thing';\nimport pino from 'pino';\n",
        'packages/org/package.json': pkg('@pushpull/org', ['@pushpull/core', '@pushpull/bus']),
        'packages/org/src/bus.ts': "import type { Bus } from '@pushpull/bus';\n",
      },
      fired: [
        'packages/core/src/io.ts:2 pino pure-package-imports',
        'packages/org/src/bus.ts:1 @pushpull/bus pure-package-imports',
      ],
    },
    {
      rule: 'a package may not import a service',
      added: {
        'packages/bus/package.json': pkg('@pushpull/bus', [
          'kafkajs',
          '@pushpull/core',
          '@pushpull/service-classifier',
        ]),
        'packages/bus/src/svc.ts': "export { main } from '@pushpull/service-classifier';\n",
      },
      fired: ['packages/bus/src/svc.ts:1 @pushpull/service-classifier package-imports-service'],
    },
    {
      rule: 'a package may not reach into another package by relative path',
      added: { 'packages/bus/src/deep.ts': "import { thing } from '../../core/src/thing';\n" },
      fired: ['packages/bus/src/deep.ts:1 ../../core/src/thing relative-into-other-workspace'],
    },
    {
      rule: 'I/O libraries only in bus, store, connectors, cli and services',
      added: {
        'packages/metrics/package.json': pkg('@pushpull/metrics', ['pg']),
        'packages/metrics/src/db.ts': "import pg from 'pg';\n",
        'packages/runtime/package.json': pkg('@pushpull/runtime', ['@octokit/rest']),
        'packages/runtime/src/gh.ts': "const { Octokit } = await import('@octokit/rest');\n",
      },
      fired: [
        'packages/metrics/src/db.ts:1 pg pure-package-imports',
        'packages/metrics/src/db.ts:1 pg io-library-placement',
        'packages/runtime/src/gh.ts:1 @octokit/rest io-library-placement',
      ],
    },
    {
      rule: 'a @pushpull/* import must be declared in package.json',
      added: { 'services/classifier/src/store.ts': "import { open } from '@pushpull/store/sub';\n" },
      fired: ['services/classifier/src/store.ts:1 @pushpull/store/sub undeclared-workspace-dependency'],
    },
  ])('$rule', ({ added, fired }) => {
    expect(rulesFired({ ...cleanTree(), ...added })).toEqual(fired);
  });

  it('production code may not import vitest, fast-check, testkit or a testing/ folder; testing/ may', () => {
    const tree = cleanTree();
    tree['packages/bus/package.json'] = pkg('@pushpull/bus', [
      'kafkajs',
      '@pushpull/core',
      '@pushpull/store',
      '@pushpull/testkit',
    ]);
    const helper = [
      "import { describe } from 'vitest';",
      "import fc from 'fast-check';",
      "import { uniqueName } from '@pushpull/testkit';",
      "import { createScratchDatabase } from '@pushpull/store/testing';",
      "import { openStore } from '@pushpull/store';",
      "import { bus } from './testing/bus-contract';",
      "export * from './testing';",
    ].join('\n');
    tree['packages/bus/src/helper.ts'] = helper;
    tree['packages/bus/src/testing/index.ts'] = "export * from './bus-contract';\n";
    tree['packages/bus/src/testing/bus-contract.ts'] = helper.replaceAll('./testing/', './');
    tree['packages/core/src/testing/counts.ts'] =
      "import { expect } from 'vitest';\nimport fc from 'fast-check';\n";
    expect(rulesFired(tree)).toEqual([
      'packages/bus/src/helper.ts:1 vitest production-imports-test-support',
      'packages/bus/src/helper.ts:2 fast-check production-imports-test-support',
      'packages/bus/src/helper.ts:3 @pushpull/testkit production-imports-test-support',
      'packages/bus/src/helper.ts:4 @pushpull/store/testing production-imports-test-support',
      'packages/bus/src/helper.ts:6 ./testing/bus-contract production-imports-test-support',
      'packages/bus/src/helper.ts:7 ./testing production-imports-test-support',
    ]);
  });

  it('keeps its rules as data', () => {
    expect(RULES.purePackages).toContain('packages/core');
    expect(RULES.ioLibraries).toContain('kafkajs');
  });
});
