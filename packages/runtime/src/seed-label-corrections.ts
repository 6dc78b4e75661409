import { PushpullError } from '@pushpull/core';
import { type Store, type WriteLabelCorrectionsResult, writeLabelCorrections } from '@pushpull/store';
import type { Logger } from 'pino';
import { classifierCorrections } from './classifier-corrections';

/** What `seedLabelCorrections` stored. */
export interface SeedLabelCorrectionsResult extends WriteLabelCorrectionsResult {
  version: string;
  sources: string[];
}

/**
 * Makes sure the store holds the label corrections of the classifier in this process
 * (`classifierCorrections()`) and that the analytics views use them (the version in use). Idempotent
 * and cheap after the first call in a process: rows already equal are not rewritten. Throws
 * PushpullError `RUNTIME_CORRECTIONS_FAILED` naming the version when they cannot be built or stored.
 *
 * @example await seedLabelCorrections(store.db, logger); // { version: '0.3.0', sources: ['github', 'outlook', 'slack'], written: 6, removed: 0 }
 */
export async function seedLabelCorrections(
  db: Store['db'],
  logger?: Logger,
): Promise<SeedLabelCorrectionsResult> {
  let version = 'unknown';
  try {
    const built = classifierCorrections();
    version = built.version;
    const result = await writeLabelCorrections(db, built.version, built.corrections);
    const sources = Object.keys(built.corrections).sort();
    if (built.identity.length > 0) {
      logger?.warn(
        { identity: built.identity },
        'classifier confusion not invertible: those labels are not corrected',
      );
    }
    if (result.written > 0 || result.removed > 0) {
      logger?.info({ classifierVersion: version, sources, ...result }, 'label corrections stored');
    }
    return { version, sources, ...result };
  } catch (err) {
    throw new PushpullError(
      'RUNTIME_CORRECTIONS_FAILED',
      `cannot store the label corrections of classifier ${version}: ${err instanceof Error ? err.message : String(err)}`,
      { classifierVersion: version },
      { cause: err },
    );
  }
}
