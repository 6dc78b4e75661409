/**
 * Replaced by `true` when `npm run build` compiles an application into one folder (see
 * scripts/build.ts); undefined when the TypeScript sources run directly (tests, `npm run dev`).
 */
declare const PUSHPULL_BUNDLED: boolean | undefined;

/**
 * Whether this code runs from a compiled build (`dist/`), where the files it reads at run time
 * (classifier weights, the dashboard's web assets) sit in `dist/assets/` instead of beside the sources.
 *
 * @example const url = isBundled() ? bundledAssetUrl('accuracy.json') : new URL('../model/accuracy.json', import.meta.url);
 */
export function isBundled(): boolean {
  return typeof PUSHPULL_BUNDLED !== 'undefined' && PUSHPULL_BUNDLED === true;
}

/**
 * Where a compiled build keeps the asset `name`: `dist/assets/<name>`. Every chunk of a build sits in
 * `dist/` itself, so the path is the same from whichever chunk this module was compiled into.
 *
 * @example bundledAssetUrl('web') // file:///…/packages/cli/dist/assets/web
 */
export function bundledAssetUrl(name: string): URL {
  return new URL(`./assets/${name}`, import.meta.url);
}

/**
 * The URL of a file that ships with the code: `sourceUrl` (relative to the sources) when they run
 * directly, `dist/assets/<name>` in a build.
 *
 * @example shippedFileUrl('accuracy.json', new URL('../../model/accuracy.json', import.meta.url))
 */
export function shippedFileUrl(name: string, sourceUrl: URL): URL {
  return isBundled() ? bundledAssetUrl(name) : sourceUrl;
}
