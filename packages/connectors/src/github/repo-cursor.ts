import { z } from 'zod';
import type { SyncCursor } from '../kit/sync-cursor';

/**
 * The list endpoints of one repository, in the order a pass walks them (docs/contracts.md §8.1): the
 * streams of a repository's cursor (scope `owner/repo`, the kit's SyncCursor).
 */
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
 * The repository cursor stored before the kit's one cursor format (version 1): per endpoint `since`,
 * first-page URL → ETag, the ids emitted at `since`'s second, and a pass in progress. Read only, to
 * migrate.
 */
const RepoCursorV1Schema = z.object({
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

/** The endpoint a first-page URL belongs to (its path's last segments). */
export function phaseOfUrl(url: string): GithubPhase | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  if (path.endsWith('/issues/comments')) return 'issue_comments';
  if (path.endsWith('/pulls/comments')) return 'review_comments';
  if (path.endsWith('/issues/events')) return 'issue_events';
  if (path.endsWith('/pulls')) return 'pulls';
  if (path.endsWith('/issues')) return 'issues';
  return null;
}

function etagOf(etags: Record<string, string>, p: GithubPhase): { url: string; tag: string } | null {
  const hit = Object.entries(etags).find(([url]) => phaseOfUrl(url) === p);
  return hit ? { url: hit[0], tag: hit[1] } : null;
}

/**
 * Migrates a version-1 repository cursor to the kit's format: `since` → each stream's mark, the pass's
 * `next` → its stream's next, each endpoint's ETag (the pass's for the endpoints it already read, the
 * last pass's for the others), `recent` → seen. Null when `stored` is not a version-1 cursor.
 *
 * @example readSyncCursor(stored, migrateRepoCursorV1)
 */
export function migrateRepoCursorV1(stored: unknown): SyncCursor | null {
  const r = RepoCursorV1Schema.safeParse(stored);
  if (!r.success) return null;
  const old = r.data;
  const at = old.pass ? GITHUB_PHASES.indexOf(old.pass.phase) : -1;
  const streams: SyncCursor['streams'] = {};
  for (const [i, p] of GITHUB_PHASES.entries()) {
    const reached = old.pass !== null && (i < at || (i === at && old.pass.next !== null));
    streams[p] = {
      mark: old.since[p] ?? null,
      next: old.pass?.phase === p ? old.pass.next : null,
      etag: etagOf(reached && old.pass ? old.pass.etags : old.etags, p),
      origin: null,
      children: {},
    };
  }
  const seen = (list: z.infer<typeof recent>) => list.map((x) => ({ id: x.id, at: x.at, stream: x.phase }));
  return {
    v: 2,
    streams,
    pass: old.pass
      ? {
          startedAt: old.pass.startedAt,
          stream: old.pass.phase,
          changed: old.pass.changed,
          newest: null,
          seen: seen(old.pass.recent),
        }
      : null,
    seen: seen(old.recent),
  };
}
