/**
 * One progress line of a benchmark on stderr, marked `[bench]` (stdout is kept for the figures).
 *
 * @example say('simulating 200000 events…');
 */
export function say(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}
