import type { Mode } from '@pushpull/core';

/** A rule set's verdict on the mode of an event, with its confidence and reason ids. */
export interface ModeVerdict {
  mode: Mode;
  /** In [0, 1]. */
  confidence: number;
  /** Readable kebab-case rule ids, the deciding rule first. */
  reasons: string[];
}
