import { hashString } from '../src/model/feature-hash';

/**
 * The cross-validation fold of a thread: a stable hash (FNV-1a, `hashString`) of its id, modulo `folds`.
 * Every message of a thread lands in the same fold, so no fold is scored by a model that saw its thread.
 *
 * @example threadFold('vcu/902425731') // 0, 1, 2 or 3, the same on every run
 */
export function threadFold(thread: string, folds = 4): number {
  return hashString(thread) % folds;
}
