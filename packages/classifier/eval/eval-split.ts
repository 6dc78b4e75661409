import { hashString } from '../src/model/feature-hash';

/** The two parts of the development set: `dev` is tuned on, `check` is only measured. */
export const EVAL_SPLITS = ['dev', 'check'] as const;
export type EvalSplit = (typeof EVAL_SPLITS)[number];

/**
 * The split of a conversation: a fixed hash (32-bit FNV-1a) of its key puts about one conversation
 * in four into `check`. Whole conversations move together, so a question and its answer never sit on
 * both sides.
 *
 * @example splitOf('chat:cc05') // 'dev' or 'check', the same on every run
 */
export function splitOf(conversationKey: string): EvalSplit {
  return hashString(conversationKey) % 4 === 0 ? 'check' : 'dev';
}
