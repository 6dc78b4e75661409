import { readFileSync } from 'node:fs';

/** A GitHub API object as recorded (JSON). The double only reads the fields it filters and sorts on. */
export type ApiItem = Record<string, unknown> & { id: number };

/**
 * Everything the double serves for one repository, as recorded API payloads: the items of
 * `/pulls`, `/issues` (PRs included, as GitHub lists them), `/issues/comments`, `/pulls/comments`,
 * `/issues/events` and `/pulls/{n}/reviews` (keyed by PR number).
 */
export interface RepoSeed {
  /** `owner/name`. */
  fullName: string;
  pulls: ApiItem[];
  issues: ApiItem[];
  issueComments: ApiItem[];
  reviewComments: ApiItem[];
  issueEvents: ApiItem[];
  reviews: Record<number, ApiItem[]>;
}

const RECORDED = 'panjf2000/ants';

const fixtureText = new Map<string, string>();

function readFixture(name: string): ApiItem[] {
  let text = fixtureText.get(name);
  if (text === undefined) {
    text = readFileSync(new URL(`./fixtures/panjf2000-ants/${name}.json`, import.meta.url), 'utf8');
    fixtureText.set(name, text);
  }
  return JSON.parse(text) as ApiItem[];
}

function prNumberOf(item: ApiItem): number {
  const url = String(item.pull_request_url ?? '');
  const n = Number(url.slice(url.lastIndexOf('/') + 1));
  if (!Number.isInteger(n)) throw new Error(`recorded review ${item.id} has no pull_request_url`);
  return n;
}

/**
 * The recorded history of panjf2000/ants (real GitHub REST payloads, see fixtures/README.md),
 * optionally renamed to `fullName` (every `panjf2000/ants` in URLs and names is rewritten), so a
 * benchmark can serve many repositories with real shapes. Each call returns fresh copies.
 *
 * @example const seed = recordedRepo('acme/api'); seed.pulls.length // 49
 */
export function recordedRepo(fullName: string = RECORDED): RepoSeed {
  const rename = (items: ApiItem[]): ApiItem[] =>
    fullName === RECORDED
      ? items
      : (JSON.parse(JSON.stringify(items).replaceAll(RECORDED, fullName)) as ApiItem[]);
  const reviews: Record<number, ApiItem[]> = {};
  for (const review of rename(readFixture('reviews'))) {
    const n = prNumberOf(review);
    reviews[n] = [...(reviews[n] ?? []), review];
  }
  return {
    fullName,
    pulls: rename(readFixture('pulls')),
    issues: rename(readFixture('issues')),
    issueComments: rename(readFixture('issue-comments')),
    reviewComments: rename(readFixture('review-comments')),
    issueEvents: rename(readFixture('issue-events')),
    reviews,
  };
}

/** An empty repository (no activity), e.g. for the org listing of a test. */
export function emptyRepo(fullName: string): RepoSeed {
  return {
    fullName,
    pulls: [],
    issues: [],
    issueComments: [],
    reviewComments: [],
    issueEvents: [],
    reviews: {},
  };
}
