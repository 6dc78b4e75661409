import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { type AppTarget, MODEL_FILES, MODEL_READERS, WEB_READER } from './apps';
import { dependencyProblems } from './check-dependencies';
import { packageOfImport } from './package-of-import';

/** What one compiled app holds. */
export interface BuiltApp {
  name: string;
  /** `dist/` of the app's package. */
  dir: string;
  /** Bytes of JavaScript written (without source maps and assets). */
  codeBytes: number;
  /** The third-party packages the build imports at run time. */
  imports: string[];
  /** Assets copied beside the code. */
  assets: string[];
}

/** Workspace packages are compiled in; every other bare import stays an import resolved by Node. */
const externalThirdParty: Plugin = {
  name: 'external-third-party',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@pushpull/') ? undefined : { path: args.path, external: true },
    );
  },
};

function codeBytesIn(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.js')) total += statSync(path.join(dir, name)).size;
  }
  return total;
}

/**
 * Compiles one app into `<packageDir>/dist/`: ES modules for Node 20.19+ with source maps, split so
 * a command's modules load only when it runs, workspace packages compiled in and third-party packages
 * left to Node. Copies the classifier's weights and the dashboard's web assets into `dist/assets/` when
 * the compiled code reads them (`webDist`: a built UI folder), and checks a published package's
 * declared dependencies against what the code imports. Writes to a temporary folder renamed into place.
 *
 * @example await buildApp(root, APPS[0], webDist)
 */
export async function buildApp(
  root: string,
  app: AppTarget,
  webDist: () => Promise<string>,
): Promise<BuiltApp> {
  const packageDir = path.join(root, app.packageDir);
  const dist = path.join(packageDir, 'dist');
  const tmp = path.join(packageDir, `dist-build-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    const result = await build({
      absWorkingDir: root,
      entryPoints: { [app.outName]: app.entry },
      outdir: tmp,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20.19',
      sourcemap: 'linked',
      sourcesContent: false,
      metafile: true,
      logLevel: 'silent',
      legalComments: 'none',
      define: { PUSHPULL_BUNDLED: 'true' },
      plugins: [externalThirdParty],
    });
    const inputs = new Set(Object.keys(result.metafile.inputs));
    const imports = new Set<string>();
    for (const output of Object.values(result.metafile.outputs)) {
      for (const imported of output.imports) {
        const name = imported.external ? packageOfImport(imported.path) : undefined;
        if (name) imports.add(name);
      }
    }
    const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
    // A service runs inside the workspace's install; only a published package must stand on its own.
    const problems = app.published ? dependencyProblems(manifest, [...imports]) : [];
    if (problems.length > 0) {
      throw new Error(`${app.packageDir}/package.json:\n  ${problems.join('\n  ')}`);
    }
    const assets: string[] = [];
    const assetDir = path.join(tmp, 'assets');
    if (MODEL_READERS.some((file) => inputs.has(file))) {
      mkdirSync(assetDir, { recursive: true });
      for (const file of MODEL_FILES) {
        cpSync(path.join(root, file), path.join(assetDir, path.basename(file)));
        assets.push(path.basename(file));
      }
    }
    if (inputs.has(WEB_READER)) {
      mkdirSync(assetDir, { recursive: true });
      cpSync(await webDist(), path.join(assetDir, 'web'), {
        recursive: true,
        filter: (source) => path.basename(source) !== '.source-hash',
      });
      assets.push('web/');
    }
    const old = path.join(packageDir, `dist-old-${process.pid}`);
    if (existsSync(dist)) renameSync(dist, old);
    renameSync(tmp, dist);
    rmSync(old, { recursive: true, force: true });
    return {
      name: app.name,
      dir: dist,
      codeBytes: codeBytesIn(dist),
      imports: [...imports].sort(),
      assets,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
