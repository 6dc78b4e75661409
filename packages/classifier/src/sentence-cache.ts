import { type SentenceFeatures, sentenceFeatures } from './sentence-features';

/** How many distinct sentences the cache holds before it starts over, by default. */
export const SENTENCE_CACHE_SIZE = 20_000;

const cache = new Map<string, SentenceFeatures>();
let capacity = SENTENCE_CACHE_SIZE;

/**
 * Sets how many sentences the cache may hold (0 turns it off, e.g. to measure the rules alone) and
 * empties it.
 *
 * @example setSentenceCacheSize(0)
 */
export function setSentenceCacheSize(size: number): void {
  capacity = Math.max(0, Math.floor(size));
  cache.clear();
}

/**
 * `sentenceFeatures` with a bounded memo: short messages repeat a lot ("Thanks!", "LGTM", "+1",
 * signatures, templates), and a sentence's features depend on the sentence alone, so the result is
 * the same with or without the cache. The cache is emptied when it reaches
 * its capacity ({@link SENTENCE_CACHE_SIZE} by default). Callers must not mutate the returned object.
 *
 * @example cachedSentenceFeatures('Thanks!').act === 'social'
 */
export function cachedSentenceFeatures(sentence: string): SentenceFeatures {
  if (capacity === 0) return sentenceFeatures(sentence);
  let features = cache.get(sentence);
  if (features === undefined) {
    features = sentenceFeatures(sentence);
    if (cache.size >= capacity) cache.clear();
    cache.set(sentence, features);
  }
  return features;
}
