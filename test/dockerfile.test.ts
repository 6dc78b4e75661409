import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The image cannot be built here (no Docker engine), so this checks the Dockerfile against what the
// build really produces: the stages, what the runtime stage copies from the build stage, that the packed
// CLI it installs holds the compiled code and its assets (and no sources), and that .dockerignore keeps
// what the build stage needs. The suites build first (test/support/build-before-tests.ts).

const ROOT = new URL('../', import.meta.url);
const repoFile = (p: string) => readFileSync(new URL(p, ROOT), 'utf8');

interface Stage {
  name: string;
  image: string;
  lines: string[];
}

/** The stages of a Dockerfile: continuation lines joined, comments dropped. */
function stagesOf(text: string): Stage[] {
  const instructions = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of instructions) {
    const from = line.match(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?$/i);
    if (from) stages.push({ image: from[1] as string, name: from[2] ?? String(stages.length), lines: [] });
    else stages.at(-1)?.lines.push(line);
  }
  return stages;
}

/** Whether a .dockerignore pattern (the forms this repository uses) matches a path. */
function ignored(pattern: string, file: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]]/g, '\\$&')
    .replace(/\*\*\//g, '\0')
    .replace(/\*/g, '[^/]*')
    .replace(/\0/g, '(?:.*/)?');
  return new RegExp(`^${re}(?:/.*)?$`).test(file);
}

const stages = stagesOf(repoFile('Dockerfile'));
const build = stages.find((s) => s.name === 'build');
const runtime = stages.at(-1);

describe('Dockerfile', () => {
  it('builds in one stage and runs in a slim Node 20+ stage as a non-root user, with pushpull as the entry point', () => {
    expect(stages.map((s) => s.name)).toEqual(['build', 'runtime']);
    const major = Number(runtime?.image.match(/^node:(\d+)-.*slim$/)?.[1]);
    expect(major).toBeGreaterThanOrEqual(20);
    const user = runtime?.lines.filter((l) => /^USER\s/i.test(l)).at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER\s+(root|0)\b/i);
    expect(runtime?.lines).toContain('ENTRYPOINT ["pushpull"]');
  });

  it('copies into the runtime stage only the packed CLI, which the build stage makes with npm pack after npm ci', () => {
    const copies = (runtime?.lines ?? []).filter((l) => /^COPY\s/i.test(l));
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) {
      expect(copy).toMatch(/^COPY --from=build \/pack\/pushpull-cli\.tgz /);
    }
    const run = (build?.lines ?? []).filter((l) => /^RUN\s/i.test(l)).join(' && ');
    expect(run.indexOf('npm ci')).toBeGreaterThanOrEqual(0);
    expect(run.indexOf('npm pack -w @pushpull/cli --pack-destination /pack')).toBeGreaterThan(
      run.indexOf('npm ci'),
    );
    // npm ci builds through the root prepare script
    expect(JSON.parse(repoFile('package.json')).scripts.prepare).toMatch(/scripts\/build\.ts/);
    expect(runtime?.lines.some((l) => /npm install -g --omit=dev .*\/tmp\/pushpull-cli\.tgz/.test(l))).toBe(
      true,
    );
  });

  it('installs a tarball that holds the compiled CLI, the weights and the web assets, and no sources or test code', () => {
    const out = execFileSync('npm', ['pack', '-w', '@pushpull/cli', '--dry-run', '--json', '--silent'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const files = new Set<string>(
      (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0]?.files.map((f) => f.path) ?? [],
    );
    const manifest = JSON.parse(repoFile('packages/cli/package.json'));
    expect(files).toContain(manifest.bin.pushpull.replace(/^\.\//, ''));
    for (const required of [
      'dist/pushpull.js',
      'dist/assets/classifier-model.json',
      'dist/assets/accuracy.json',
      'dist/assets/web/index.html',
      'package.json',
    ]) {
      expect(files, required).toContain(required);
    }
    const built = readdirSync(new URL('packages/cli/dist/', ROOT)).filter((f) => f.endsWith('.js'));
    expect(built.length).toBeGreaterThan(1);
    for (const chunk of built) expect(files, chunk).toContain(`dist/${chunk}`);
    for (const file of files) expect(file).not.toMatch(/(^|\/)(src|testing)\/|\.test\.|\.ts$/);
  });

  it('.dockerignore keeps out installed and built output but nothing the build stage needs', () => {
    const patterns = repoFile('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    const needed = [
      'package.json',
      'package-lock.json',
      'scripts/build.ts',
      'packages/cli/src/main.ts',
      'packages/classifier/model/classifier-model.json',
      'services/dashboard/web/index.html',
      'services/dashboard/web/vite.config.ts',
    ];
    for (const file of needed) {
      expect(existsSync(new URL(file, ROOT)), file).toBe(true);
      expect(
        patterns.filter((p) => ignored(p, file)),
        file,
      ).toEqual([]);
    }
    for (const file of ['node_modules/pg/package.json', 'packages/cli/dist/pushpull.js', '.git/HEAD']) {
      expect(
        patterns.some((p) => ignored(p, file)),
        file,
      ).toBe(true);
    }
  });
});
