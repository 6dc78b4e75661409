import { z } from 'zod';

/** The list endpoints of one repository, in the order a pass walks them (docs/contracts.md §8.1). */
export const GITHUB_PHASES = [
  'pulls',
  'issues',
  'issue_comments',
  'review_comments',
  'issue_events',
] as const;
export type GithubPhase = (typeof GITHUB_PHASES)[number];

const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a timestamp');
const phase = z.enum(GITHUB_PHASES);
const recent = z.array(z.object({ id: z.string(), at: iso, phase }));

/**
 * The cursor of one repository (scope `owner/repo`), stored as JSON in `sync_cursor`:
 * - `since`: per endpoint, where the next pass starts — the start time of the last pass that saw
 *   changes there (DevLake's rule: the *start* of the last successful run, so nothing that changed
 *   during a run is missed); an endpoint that saw nothing keeps its `since`, so its URL stays the
 *   same and its ETag answers 304 next time.
 * - `etags`: first-page URL → ETag of the last completed pass (conditional requests).
 * - `recent`: ids already emitted that happened at or after an endpoint's `since`. GitHub times
 *   have whole seconds, so `since` is rounded down and the next pass sees that second again;
 *   these ids are not emitted twice. Kept only while still at or after their endpoint's `since`.
 * - `pass`: a pass in progress (resume after a crash): when it started, the endpoint and the
 *   `Link: rel="next"` URL of the next page, which endpoints changed, the ETags and recent ids so far.
 */
export const RepoCursorSchema = z.object({
  v: z.literal(1),
  since: z.partialRecord(phase, iso).default({}),
  etags: z.record(z.string(), z.string()).default({}),
  recent: recent.default([]),
  pass: z
    .object({
      startedAt: iso,
      phase,
      next: z.string().nullable(),
      changed: z.array(phase),
      etags: z.record(z.string(), z.string()),
      recent,
    })
    .nullable()
    .default(null),
});
export type RepoCursor = z.infer<typeof RepoCursorSchema>;
export type RepoPass = NonNullable<RepoCursor['pass']>;

/** An empty cursor (first sync of a repository). */
export function emptyRepoCursor(): RepoCursor {
  return { v: 1, since: {}, etags: {}, recent: [], pass: null };
}

/**
 * Parses a stored cursor; null when it is missing or unreadable (the caller starts afresh and says so).
 *
 * @example parseRepoCursor(await cursors.get('acme/api')) ?? emptyRepoCursor()
 */
export function parseRepoCursor(raw: string | null): RepoCursor | null {
  if (raw === null) return null;
  try {
    const r = RepoCursorSchema.safeParse(JSON.parse(raw));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
