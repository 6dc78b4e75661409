/** One deployable program the build compiles: its entry point and the package folder it ships in. */
export interface AppTarget {
  /** A short name for progress lines. */
  name: string;
  /** The package folder (relative to the repository root) whose `dist/` receives the build. */
  packageDir: string;
  /** The TypeScript entry point, relative to the repository root. */
  entry: string;
  /** The entry's output file name in `dist/` (without `.js`). */
  outName: string;
  /**
   * Whether this package is published (`npm pack`): its `dependencies` must be exactly the third-party
   * packages the build imports, and no workspace package (those are compiled in).
   */
  published: boolean;
}

/** What `npm run build` compiles: the CLI (the package people install) and each service's `main`. */
export const APPS: readonly AppTarget[] = [
  {
    name: 'cli',
    packageDir: 'packages/cli',
    entry: 'packages/cli/src/main.ts',
    outName: 'pushpull',
    published: true,
  },
  ...['connector-worker', 'classifier', 'aggregator', 'dashboard'].map((service) => ({
    name: `service ${service}`,
    packageDir: `services/${service}`,
    entry: `services/${service}/src/main.ts`,
    outName: 'main',
    published: false,
  })),
];

/**
 * Imports the build leaves to Node's resolution although no package declares them: reached only when
 * the sources run directly (`ensureWebBundle` builds the UI with Vite then), never from a build, which
 * serves the web assets it carries.
 */
export const DEV_ONLY_IMPORTS: readonly string[] = ['vite'];

/** Source files whose presence in a build means it reads the classifier's committed weights. */
export const MODEL_READERS = [
  'packages/classifier/src/model/classifier-model.ts',
  'packages/classifier/src/model/published-confusion.ts',
];

/** The committed classifier files a build carries in `dist/assets/` when it reads them. */
export const MODEL_FILES = [
  'packages/classifier/model/classifier-model.json',
  'packages/classifier/model/accuracy.json',
];

/** The source file whose presence in a build means it serves the dashboard's web assets. */
export const WEB_READER = 'services/dashboard/src/web-bundle.ts';
