import { afterEach, describe, expect, it } from 'vitest';
import { cachedSentenceFeatures, SENTENCE_CACHE_SIZE, setSentenceCacheSize } from './sentence-cache';
import { sentenceFeatures } from './sentence-features';

afterEach(() => setSentenceCacheSize(SENTENCE_CACHE_SIZE));

describe('cachedSentenceFeatures', () => {
  it('returns what sentenceFeatures returns, the same object on a repeat', () => {
    const first = cachedSentenceFeatures('Can you send me the deck?');
    expect(first).toEqual(sentenceFeatures('Can you send me the deck?'));
    expect(cachedSentenceFeatures('Can you send me the deck?')).toBe(first);
  });

  it('can be turned off, and starts over when full', () => {
    setSentenceCacheSize(0);
    const a = cachedSentenceFeatures('Thanks!');
    expect(cachedSentenceFeatures('Thanks!')).not.toBe(a);
    setSentenceCacheSize(1);
    const b = cachedSentenceFeatures('Thanks!');
    cachedSentenceFeatures('LGTM');
    expect(cachedSentenceFeatures('Thanks!')).not.toBe(b);
    expect(cachedSentenceFeatures('Thanks!')).toEqual(b);
  });
});
