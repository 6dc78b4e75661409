import { stableHash } from '@pushpull/core';

/**
 * The key under which every worker using one token shares its rate budget: derived from a hash of
 * the token, never the token itself.
 *
 * @example new RedisRateBudget(redisUrl, rateBudgetKey('github', token))
 */
export function rateBudgetKey(source: string, token: string): string {
  return `pushpull:rate-budget:${source}:${stableHash(token, 24)}`;
}
