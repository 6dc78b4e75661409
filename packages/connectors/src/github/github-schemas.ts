import { z } from 'zod';

/**
 * The parts of GitHub REST payloads the connector reads, validated at the boundary. Objects are
 * loose (GitHub sends many more fields); only what mapping uses is checked.
 */

const time = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a timestamp');

/** A user as GitHub embeds it (`user`, `actor`, `assignee`, …). `type` is `User`, `Bot`, `Organization`, `Mannequin`. */
export const GithubUserSchema = z.looseObject({
  login: z.string().min(1),
  id: z.number().int(),
  type: z.string().optional(),
});
export type GithubUser = z.infer<typeof GithubUserSchema>;

/** The fields of what a person writes on GitHub (pull request, issue, comment): text, author, times and page. */
const postFields = {
  body: z.string().nullish(),
  user: GithubUserSchema.nullable(),
  created_at: time,
  updated_at: time,
  html_url: z.string(),
};

/** The fields of a pull request or an issue (they share one number space). */
const openedFields = { number: z.number().int(), title: z.string(), ...postFields };

/** An item of `GET /repos/{o}/{r}/pulls`. */
export const GithubPullSchema = z.looseObject({
  ...openedFields,
  draft: z.boolean().optional(),
});
export type GithubPull = z.infer<typeof GithubPullSchema>;

/** An item of `GET /repos/{o}/{r}/issues` (pull requests carry a `pull_request` object). */
export const GithubIssueSchema = z.looseObject({
  ...openedFields,
  pull_request: z.unknown().optional(),
});
export type GithubIssue = z.infer<typeof GithubIssueSchema>;

/** An item of `GET /repos/{o}/{r}/issues/comments` (comments on issues and on pull requests). */
export const GithubIssueCommentSchema = z.looseObject({
  id: z.number().int(),
  ...postFields,
  issue_url: z.string(),
});
export type GithubIssueComment = z.infer<typeof GithubIssueCommentSchema>;

/** An item of `GET /repos/{o}/{r}/pulls/{n}/reviews`. Pending reviews have no `submitted_at`. */
export const GithubReviewSchema = z.looseObject({
  id: z.number().int(),
  user: GithubUserSchema.nullable(),
  body: z.string().nullish(),
  state: z.string(),
  html_url: z.string(),
  submitted_at: time.nullish(),
});
export type GithubReview = z.infer<typeof GithubReviewSchema>;

/** An item of `GET /repos/{o}/{r}/pulls/comments` (review comments, threaded by `in_reply_to_id`). */
export const GithubReviewCommentSchema = z.looseObject({
  id: z.number().int(),
  pull_request_review_id: z.number().int().nullish(),
  in_reply_to_id: z.number().int().nullish(),
  ...postFields,
  pull_request_url: z.string(),
});
export type GithubReviewComment = z.infer<typeof GithubReviewCommentSchema>;

/** An item of `GET /repos/{o}/{r}/issues/events` (`assigned`, `review_requested`, and many others). */
export const GithubIssueEventSchema = z.looseObject({
  id: z.number().int(),
  event: z.string(),
  actor: GithubUserSchema.nullable(),
  created_at: time,
  assignee: GithubUserSchema.nullish(),
  review_requester: GithubUserSchema.nullish(),
  requested_reviewer: GithubUserSchema.nullish(),
  requested_team: z.looseObject({ slug: z.string() }).nullish(),
  issue: z
    .looseObject({
      number: z.number().int(),
      title: z.string(),
      html_url: z.string(),
      user: GithubUserSchema.nullish(),
      pull_request: z.unknown().optional(),
    })
    .nullish(),
});
export type GithubIssueEvent = z.infer<typeof GithubIssueEventSchema>;

/** An item of `GET /orgs/{org}/repos`. */
export const GithubRepoSchema = z.looseObject({
  full_name: z.string().regex(/^[^/\s]+\/[^/\s]+$/),
  archived: z.boolean().optional(),
});
export type GithubRepo = z.infer<typeof GithubRepoSchema>;
