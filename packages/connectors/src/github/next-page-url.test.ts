import { describe, expect, it } from 'vitest';
import { nextPageUrl } from './next-page-url';

describe('nextPageUrl', () => {
  it('reads rel="next" wherever it is in the header', () => {
    const link =
      '<https://api.github.com/repositories/1/issues?page=1>; rel="prev", ' +
      '<https://api.github.com/repositories/1/issues?page=3>; rel="next", ' +
      '<https://api.github.com/repositories/1/issues?page=9>; rel="last"';
    expect(nextPageUrl(link)).toBe('https://api.github.com/repositories/1/issues?page=3');
  });

  it('follows cursor links as given and returns null on the last page', () => {
    expect(nextPageUrl('<https://h/x?after=Y3Vyc29y&per_page=100>; rel="next"')).toBe(
      'https://h/x?after=Y3Vyc29y&per_page=100',
    );
    expect(nextPageUrl('<https://h/x?page=1>; rel="first", <https://h/x?page=1>; rel="prev"')).toBeNull();
    expect(nextPageUrl(null)).toBeNull();
  });
});
