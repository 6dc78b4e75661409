/**
 * `text` cut to at most `max` characters: the first `max - 1` and `…` when it is longer, unchanged
 * otherwise. The one way a reason, a log field or a dead-letter header is kept short.
 *
 * @example shortText('connect ECONNREFUSED 127.0.0.1:9092', 10) // 'connect E…'
 */
export function shortText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The message of `err` (or `String(err)` for a non-Error) as {@link shortText} of `max` characters.
 *
 * @example shortReason(new Error('connect ECONNREFUSED 127.0.0.1:5432'), 200) // 'connect ECONNREFUSED 127.0.0.1:5432'
 */
export function shortReason(err: unknown, max: number): string {
  return shortText(err instanceof Error ? err.message : String(err), max);
}
