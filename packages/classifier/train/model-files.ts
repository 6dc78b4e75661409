import type { ClassifierModelFile } from '../src/model/classifier-model';
import type { AccuracyFile } from './train-classifier';

/**
 * The weights file's bytes: one JSON document, features in sorted order (as the fit returns them).
 *
 * @example writeFileSync(path, formatModelFile(file))
 */
export function formatModelFile(file: ClassifierModelFile): string {
  return `${JSON.stringify(file)}\n`;
}

/**
 * The accuracy file's bytes (indented, for people to read), figures rounded to 4 decimals.
 *
 * @example writeFileSync(path, formatAccuracyFile(accuracy))
 */
export function formatAccuracyFile(accuracy: AccuracyFile): string {
  return `${JSON.stringify(accuracy, (_, v) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 1e4) / 1e4 : v), 1)}\n`;
}
