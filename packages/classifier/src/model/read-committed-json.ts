import { readFileSync } from 'node:fs';
import { PushpullError } from '@pushpull/core';

/**
 * Reads and parses one of the package's committed JSON files (`model/…`). The classifier's only I/O:
 * called once per process by the functions that keep what they read (`defaultClassifierModel`,
 * `publishedConfusion`); classifying reads nothing. A missing, unreadable or malformed file throws a
 * PushpullError with `code`, naming `what` and where.
 *
 * @example readCommittedJson(CLASSIFIER_MODEL_URL, 'the classifier weights', 'CLASSIFIER_BAD_MODEL')
 */
export function readCommittedJson(url: URL, what: string, code: string): unknown {
  let text: string;
  try {
    text = readFileSync(url, 'utf8');
  } catch (cause) {
    throw new PushpullError(
      code,
      `cannot read ${what} at ${url.pathname} (run npm run train)`,
      {},
      { cause },
    );
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new PushpullError(
      code,
      `${what} at ${url.pathname} is not valid JSON (run npm run train)`,
      {},
      { cause },
    );
  }
}

/**
 * A getter of one committed JSON file as `from` makes it: read and made the first time it is called,
 * the same value after (once per process; a failure throws and is tried again on the next call).
 *
 * @example const weights = committedJsonOnce(CLASSIFIER_MODEL_URL, 'the classifier weights', 'CLASSIFIER_BAD_MODEL', classifierModelFrom);
 */
export function committedJsonOnce<T>(
  url: URL,
  what: string,
  code: string,
  from: (json: unknown) => T,
): () => T {
  let kept: { value: T } | undefined;
  return () => {
    kept ??= { value: from(readCommittedJson(url, what, code)) };
    return kept.value;
  };
}
