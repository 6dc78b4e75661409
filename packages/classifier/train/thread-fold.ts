/**
 * The cross-validation fold of a thread: a stable hash (FNV-1a) of its id, modulo `folds`. Every
 * message of a thread lands in the same fold, so no fold is scored by a model that saw its thread.
 *
 * @example threadFold('vcu/902425731') // 0, 1, 2 or 3, the same on every run
 */
export function threadFold(thread: string, folds = 4): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < thread.length; i++) h = Math.imul(h ^ thread.charCodeAt(i), 0x01000193) >>> 0;
  return h % folds;
}
