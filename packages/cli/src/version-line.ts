import { readFileSync } from 'node:fs';
import { CLASSIFIER_VERSION } from '@pushpull/classifier/version';

/**
 * What `pushpull --version` prints: the version of `@pushpull/cli` (its package.json is the one place
 * the product's version is written) and the classifier version that labels events, which decides
 * which stored labels `reclassify` replaces. The package.json sits one folder above both `src/` and
 * the compiled `dist/`.
 *
 * @example versionLine() // 'pushpull 0.1.0 (classifier 0.5.1)'
 */
export function versionLine(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return `pushpull ${manifest.version} (classifier ${CLASSIFIER_VERSION})`;
}
