import type { ModeCounts } from '../direction-counts';

/**
 * Test helper: counts with `push` pushes (of which `proactive` proactive, the rest responsive),
 * `pull` pulls and `neutral` neutrals.
 *
 * @example counts(8, 2) // { push: 8, pull: 2, neutral: 0, proactivePush: 8, responsivePush: 0 }
 */
export function counts(push: number, pull: number, neutral = 0, proactive = push): ModeCounts {
  return { push, pull, neutral, proactivePush: proactive, responsivePush: push - proactive };
}
