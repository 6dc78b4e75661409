/** Slack message timestamps (`ts`): "seconds.sequence", unique per conversation, assigned by Slack. */
const TS_PATTERN = /^\d+(\.\d+)?$/;

/** True when `value` looks like a Slack ts. */
export function isSlackTs(value: string): boolean {
  return TS_PATTERN.test(value);
}

/**
 * Compares two Slack timestamps numerically (negative when `a` is older).
 *
 * @example compareSlackTs('1459332000.000101', '1459332000.000099') > 0 // true
 */
export function compareSlackTs(a: string, b: string): number {
  const [as = '0', af = ''] = a.split('.');
  const [bs = '0', bf = ''] = b.split('.');
  const bySeconds = Number(as) - Number(bs);
  return bySeconds !== 0 ? bySeconds : Number(af.padEnd(6, '0')) - Number(bf.padEnd(6, '0'));
}

/**
 * The ISO-8601 time of a Slack ts (the part after the dot is a sequence, not a fraction of a second).
 *
 * @example slackTsToIso('1452837352.000006') // '2016-01-15T05:55:52.000Z'
 */
export function slackTsToIso(ts: string): string {
  const seconds = Number(ts.split('.')[0]);
  return new Date(seconds * 1000).toISOString();
}

/**
 * A Slack ts for a point in time, usable as `oldest`/`latest`.
 *
 * @example dateToSlackTs(new Date('2016-01-01T00:00:00Z')) // '1451606400.000000'
 */
export function dateToSlackTs(date: Date | number): string {
  const ms = typeof date === 'number' ? date : date.getTime();
  return `${Math.floor(ms / 1000)}.000000`;
}

/** The newer of two timestamps (either may be missing). */
export function newerSlackTs(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return compareSlackTs(a, b) >= 0 ? a : b;
}
