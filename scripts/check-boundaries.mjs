#!/usr/bin/env node
// Fails (exit 1) when an import crosses the lines drawn in docs/architecture.md §2.
// Scans import / export-from / dynamic import() specifiers in packages/*/src/**/*.ts and services/*/src/**/*.ts.
// Usage: node scripts/check-boundaries.mjs [repoRoot]   (the root `npm run check:boundaries` calls it)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The rules, as data. Workspace ids are paths relative to the repo root, e.g. `packages/core`. */
export const RULES = {
  /** Folders whose children are workspaces to scan; each child's `src/` is scanned. */
  scanRoots: ['packages', 'services'],
  /** Pure packages: no I/O; they may import only `pureAllowed`, relative files and other pure packages. */
  purePackages: [
    'packages/core',
    'packages/org',
    'packages/classifier',
    'packages/metrics',
    'packages/simulator',
    'packages/report-render',
  ],
  pureAllowed: ['zod', 'node:crypto'],
  /** A pure package's tests (`*.test.ts`, `*.int.test.ts`) may also use these. */
  testFileSuffix: '.test.ts',
  pureTestAllowed: ['vitest', 'node:*', 'fast-check'],
  /**
   * Test support lives in tests and in `testing/` folders (exported as `@pushpull/<pkg>/testing`); production
   * files (the rest of src/) never import these specifiers (`*` is one path segment; subpaths match too) nor
   * a `testing/` folder by relative path. Files under `testing/` get the same allowances as tests.
   */
  testingFolder: 'testing',
  testOnlyImports: ['vitest', 'fast-check', '@pushpull/testkit', '@pushpull/*/testing'],
  /** Libraries that do I/O (`@scope/*` matches the whole scope) and where they may be imported. */
  ioLibraries: [
    'kafkajs',
    'pg',
    '@electric-sql/pglite',
    'kysely',
    'bullmq',
    'ioredis',
    'hono',
    '@hono/*',
    '@octokit/*',
    '@slack/*',
    '@azure/*',
    '@microsoft/*',
  ],
  ioAllowedIn: ['packages/bus', 'packages/store', 'packages/connectors', 'packages/cli', 'services/*'],
  /** Libraries (packages/*) never import deployables. */
  librariesRoot: 'packages',
  servicePrefix: '@pushpull/service-',
  workspaceScope: '@pushpull/',
  /**
   * Known, deliberate exceptions: { from: workspace, import: package name, rule, why }.
   * Each one is a decision to revisit; remove the line once the code no longer needs it.
   */
  exceptions: [
    {
      from: 'packages/cli',
      import: '@pushpull/service-all-in-one',
      rule: 'package-imports-service',
      why: '`pushpull serve` / `pushpull ingest` (docs/contracts.md §6) run the pipeline services',
    },
    {
      from: 'packages/classifier',
      import: 'node:fs',
      rule: 'pure-package-imports',
      why: 'the classifier reads its committed model files once per process (src/model/read-committed-json.ts): the weights (model/classifier-model.json) in defaultClassifierModel, the published accuracy (model/accuracy.json) in publishedConfusion; classifying does no I/O',
    },
  ],
};

export const RULE_TEXT = {
  'pure-package-imports':
    'a pure package imports only zod, node:crypto, relative files and other pure packages',
  'package-imports-service': 'packages/ are libraries and never import services (@pushpull/service-*)',
  'relative-into-other-workspace': 'a workspace never reaches into another workspace by relative path',
  'io-library-placement': 'I/O libraries live only in bus, store, connectors, cli and services',
  'undeclared-workspace-dependency': "a @pushpull/* import must be declared in the workspace's package.json",
  'production-imports-test-support':
    'production code (not *.test.ts, not under testing/) never imports vitest, fast-check, @pushpull/testkit, @pushpull/*/testing or a testing/ folder',
};

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`, `node:fs/promises` → `node:fs/promises`. */
export function packageNameOf(specifier) {
  if (specifier.startsWith('node:')) return specifier;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function matchesPattern(name, pattern) {
  if (pattern.endsWith(':*')) return name.startsWith(pattern.slice(0, -1));
  return pattern.endsWith('/*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

/**
 * Whether a specifier matches a `testOnlyImports` pattern: `*` is one path segment and subpaths match, so
 * `@pushpull/STAR/testing` matches `@pushpull/store/testing` and `@pushpull/store/testing/x`, not `@pushpull/store`.
 */
function matchesSpecifier(specifier, pattern) {
  const body = pattern
    .split('/')
    .map((part) => (part === '*' ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${body}(/.*)?$`).test(specifier);
}

function isRelative(specifier) {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../');
}

/**
 * Marks which characters of a TypeScript source are code (not inside a comment or a string literal),
 * so that `import` inside a JSDoc example or a string does not count. Regex literals are not recognised;
 * that only matters if one contains a quote and an import-like text, which the repo does not do.
 */
export function codeMask(text) {
  const mask = new Uint8Array(text.length);
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
    } else if (c === "'" || c === '"' || c === '`') {
      mask[i] = 1; // the opening quote is code; the literal's content is not
      i++;
      while (i < n && text[i] !== c) {
        if (text[i] === '\\') i++;
        else if (c !== '`' && text[i] === '\n') break;
        i++;
      }
      i++;
    } else {
      mask[i] = 1;
      i++;
    }
  }
  return mask;
}

const STATIC_IMPORT = /\b(import|export)\s+(?:type\s+)?(?:[^'"`;()]*?\bfrom\s*)?(['"])([^'"\n]+)\2/g;
const DYNAMIC_IMPORT = /\bimport\s*\(\s*(['"`])([^'"`\n]+)\1\s*\)/g;

/** Every module specifier in a TS source, with the 1-based line of the specifier. */
export function findImports(text) {
  const mask = codeMask(text);
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const lineOf = (index) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const found = [];
  for (const m of text.matchAll(STATIC_IMPORT)) {
    // `export const a = 1` and friends never reach the quote directly or through `from`; a keyword inside a
    // string or comment is not code. The specifier's quote must itself be code (it opens the literal).
    if (!mask[m.index]) continue;
    const quoteAt = m.index + m[0].length - m[3].length - 2;
    if (!mask[quoteAt]) continue;
    found.push({ specifier: m[3], line: lineOf(quoteAt), dynamic: false });
  }
  for (const m of text.matchAll(DYNAMIC_IMPORT)) {
    if (!mask[m.index]) continue;
    found.push({ specifier: m[2], line: lineOf(m.index), dynamic: true });
  }
  return found.sort((a, b) => a.line - b.line);
}

function listTsFiles(dir) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTsFiles(full));
    else if (entry.isFile() && entry.name.endsWith('.ts')) out.push(full);
  }
  return out.sort();
}

function toPosix(p) {
  return p.split(path.sep).join('/');
}

/** Workspaces under the scan roots: { id: 'packages/core', dir, name, deps:Set }. */
function listWorkspaces(root, rules) {
  const list = [];
  for (const scanRoot of rules.scanRoots) {
    const base = path.join(root, scanRoot);
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base).sort()) {
      const dir = path.join(base, entry);
      if (!statSync(dir).isDirectory()) continue;
      const pkgPath = path.join(dir, 'package.json');
      const pkg = existsSync(pkgPath) ? JSON.parse(readFileSync(pkgPath, 'utf8')) : {};
      const deps = new Set(
        ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].flatMap((k) =>
          Object.keys(pkg[k] ?? {}),
        ),
      );
      list.push({ id: `${scanRoot}/${entry}`, dir, name: pkg.name, deps });
    }
  }
  return list;
}

/**
 * Checks a repository tree. Returns the violations, each
 * `{ file, line, specifier, rule, message }` with `file` relative to `root`.
 * @example
 *   const violations = checkBoundaries('/path/to/repo');
 *   if (violations.length) process.exitCode = 1;
 */
export function checkBoundaries(root, rules = RULES) {
  const workspaces = listWorkspaces(root, rules);
  const byName = new Map(workspaces.filter((w) => w.name).map((w) => [w.name, w]));
  const isPure = (id) => rules.purePackages.includes(id);
  const ioAllowed = (id) => rules.ioAllowedIn.some((p) => matchesPattern(id, p));
  const isIo = (name) => rules.ioLibraries.some((p) => matchesPattern(name, p));
  /** Whether `p` (a file, or a directory when `isDir`) lies inside a `testing/` folder. */
  const inTesting = (p, isDir = false) => {
    const parts = toPosix(path.relative(root, p)).split('/');
    return (isDir ? parts : parts.slice(0, -1)).includes(rules.testingFolder);
  };
  const excepted = (id, name, rule) =>
    rules.exceptions.some((e) => e.from === id && e.import === name && e.rule === rule);

  const violations = [];
  for (const ws of workspaces) {
    const isLibrary = ws.id.startsWith(`${rules.librariesRoot}/`);
    for (const file of listTsFiles(path.join(ws.dir, 'src'))) {
      const rel = toPosix(path.relative(root, file));
      const isTest = file.endsWith(rules.testFileSuffix) || inTesting(file);
      const report = (imp, rule) => {
        violations.push({
          file: rel,
          line: imp.line,
          specifier: imp.specifier,
          rule,
          message: RULE_TEXT[rule],
        });
      };
      for (const imp of findImports(readFileSync(file, 'utf8'))) {
        const spec = imp.specifier;
        if (isRelative(spec)) {
          const target = path.resolve(path.dirname(file), spec);
          const inOwn = target === ws.dir || target.startsWith(ws.dir + path.sep);
          const other = workspaces.find(
            (w) => w !== ws && (target === w.dir || target.startsWith(w.dir + path.sep)),
          );
          if (!inOwn && other) report(imp, 'relative-into-other-workspace');
          const targetIsDir = existsSync(target) && statSync(target).isDirectory();
          if (!isTest && inTesting(target, targetIsDir)) report(imp, 'production-imports-test-support');
          continue;
        }
        const name = packageNameOf(spec);
        const isWorkspacePkg = name.startsWith(rules.workspaceScope);
        const check = (rule, broken) => {
          if (broken && !excepted(ws.id, name, rule)) report(imp, rule);
        };
        if (isPure(ws.id)) {
          const target = byName.get(name);
          const okPure =
            rules.pureAllowed.includes(name) ||
            (isTest && rules.pureTestAllowed.some((p) => matchesPattern(name, p))) ||
            (isWorkspacePkg && target && isPure(target.id));
          check('pure-package-imports', !okPure);
        }
        if (isLibrary) check('package-imports-service', name.startsWith(rules.servicePrefix));
        check('io-library-placement', isIo(name) && !ioAllowed(ws.id));
        check('undeclared-workspace-dependency', isWorkspacePkg && name !== ws.name && !ws.deps.has(name));
        check(
          'production-imports-test-support',
          !isTest && rules.testOnlyImports.some((p) => matchesSpecifier(spec, p)),
        );
      }
    }
  }
  return violations;
}

export function formatViolation(v) {
  return `${v.file}:${v.line}: '${v.specifier}' — ${v.rule}: ${v.message}`;
}

function main() {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  const violations = checkBoundaries(root);
  for (const v of violations) console.error(formatViolation(v));
  if (violations.length > 0) {
    console.error(`check-boundaries: ${violations.length} violation(s)`);
    process.exit(1);
  }
  console.log('check-boundaries: ok (no import crosses a boundary)');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
