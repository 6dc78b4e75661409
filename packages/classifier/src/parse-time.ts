/** How many distinct timestamps `parseTime` remembers before it starts over. */
const TIMES_KEPT = 50_000;

const times = new Map<string, number>();

/**
 * `Date.parse(iso)`, remembered: classifying compares an event's time with every earlier ask of its
 * conversation, and those asks' timestamps (the same strings each time) would be parsed again for every
 * later event. The same number as `Date.parse` (NaN included); memory bounded ({@link TIMES_KEPT}).
 *
 * @example parseTime('2026-12-08T05:00:00Z') === Date.parse('2026-12-08T05:00:00Z')
 */
export function parseTime(iso: string): number {
  let time = times.get(iso);
  if (time === undefined) {
    time = Date.parse(iso);
    if (times.size >= TIMES_KEPT) times.clear();
    times.set(iso, time);
  }
  return time;
}
