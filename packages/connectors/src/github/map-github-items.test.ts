import { recordedRepo } from '@pushpull/api-doubles/github';
import { ActivityEventSchema } from '@pushpull/core';
import { describe, expect, it } from 'vitest';
import { isPerson } from './github-people';
import {
  GithubIssueCommentSchema,
  GithubIssueEventSchema,
  GithubIssueSchema,
  GithubPullSchema,
  GithubReviewCommentSchema,
  GithubReviewSchema,
} from './github-schemas';
import { mapIssue } from './map-issue';
import { mapIssueComment } from './map-issue-comment';
import { mapIssueEvent } from './map-issue-event';
import { mapPullRequest } from './map-pull-request';
import { mapReview } from './map-review';
import { mapReviewComment } from './map-review-comment';

const REPO = 'panjf2000/ants';
const seed = recordedRepo();
const pulls = seed.pulls.map((p) => GithubPullSchema.parse(p));
const pull = (n: number) => pulls.find((p) => p.number === n)!;
const user = (login: string, id: number, type = 'User') => ({ login, id, type });

describe('mapping recorded GitHub items (pure functions)', () => {
  it('maps an issue comment with conversation, permalink and the contract id', () => {
    const raw = seed.issueComments.find((c) => c.id === 407770402) ?? seed.issueComments[1]!;
    const c = GithubIssueCommentSchema.parse(raw);
    const e = mapIssueComment(REPO, c)!;
    expect(ActivityEventSchema.parse(e)).toEqual(e);
    expect(e.id).toBe(`github:${REPO}:issue_comment:${c.id}`);
    expect(e.conversationId).toMatch(new RegExp(`^github:${REPO}:issue:\\d+$`));
    expect(e.url).toBe(c.html_url);
    expect(e.actor).toEqual({ githubLogin: c.user!.login, githubId: c.user!.id });
    expect(mapIssueComment(REPO, c)).toEqual(e); // pure: same input, same event
  });

  it('drops bot activity: codecov[bot] comments map to nothing', () => {
    const bots = seed.issueComments
      .map((c) => GithubIssueCommentSchema.parse(c))
      .filter((c) => !isPerson(c.user));
    expect(bots.length).toBeGreaterThan(0);
    expect(bots.every((c) => mapIssueComment(REPO, c) === null)).toBe(true);
    expect(isPerson(user('renovate', 1, 'Bot'))).toBe(false);
    expect(isPerson(user('my-ci[bot]', 2, 'User'))).toBe(false);
  });

  it('maps a pull request opened and an issue opened, but not a PR listed by /issues', () => {
    const pr = mapPullRequest(REPO, pull(4))!;
    expect(pr).toMatchObject({
      id: `github:${REPO}:pull_request:4:opened`,
      type: 'github.pull_request.opened',
      conversationId: `github:${REPO}:issue:4`,
      subject: pull(4).title,
      url: 'https://github.com/panjf2000/ants/pull/4',
    });
    const issues = seed.issues.map((i) => GithubIssueSchema.parse(i));
    expect(mapIssue(REPO, issues.find((i) => i.number === 4)!)).toBeNull();
    const issue = issues.find((i) => i.pull_request === undefined)!;
    expect(mapIssue(REPO, issue)).toMatchObject({
      id: `github:${REPO}:issue:${issue.number}:opened`,
      type: 'github.issue.opened',
    });
  });

  it('maps a review with its state, answering the PR author', () => {
    const raw = seed.reviews[53]!.find((r) => r.state === 'CHANGES_REQUESTED') ?? seed.reviews[41]![0]!;
    const review = GithubReviewSchema.parse(raw);
    const pr = pull(53);
    const e = mapReview(REPO, review, pr)!;
    expect(e.type).toBe('github.pull_request_review.submitted');
    expect(e.attributes.state).toBe(review.state.toLowerCase());
    if (review.user!.login !== pr.user!.login) {
      expect(e.targets[0]).toEqual({ githubLogin: pr.user!.login, githubId: pr.user!.id, role: 'author' });
    }
    expect(mapReview(REPO, { ...review, state: 'PENDING', submitted_at: null }, pr)).toBeNull();
  });

  it('threads review comments with inReplyTo where GitHub says so', () => {
    const comments = seed.reviewComments.map((c) => GithubReviewCommentSchema.parse(c));
    const reply = comments.find((c) => c.in_reply_to_id)!;
    const e = mapReviewComment(REPO, reply)!;
    expect(e.inReplyTo).toBe(`github:${REPO}:review_comment:${reply.in_reply_to_id}`);
    expect(e.type).toBe('github.pull_request_review_comment.created');
    const root = comments.find((c) => !c.in_reply_to_id)!;
    expect(mapReviewComment(REPO, root)!.inReplyTo).toBeNull();
  });

  it('maps assignments to the assignee and review requests to the reviewer; ignores other kinds', () => {
    const events = seed.issueEvents.map((e) => GithubIssueEventSchema.parse(e));
    const assigned = events.find((e) => e.event === 'assigned')!;
    const a = mapIssueEvent(REPO, { ...assigned, assignee: user('alice', 11) })!;
    expect(a.type).toBe('github.issue.assigned');
    expect(a.id).toBe(`github:${REPO}:issue_event:${assigned.id}`);
    expect(a.targets).toEqual([{ githubLogin: 'alice', githubId: 11, role: 'assignee' }]);
    // Self-assignment (all the recorded ones): still one event, the actor is not their own target.
    expect(mapIssueEvent(REPO, assigned)!.targets).toEqual([]);
    expect(mapIssueEvent(REPO, events.find((e) => e.event === 'labeled')!)).toBeNull();

    // The documented shape of a review_requested issue event (none in the recording).
    const requested = GithubIssueEventSchema.parse({
      ...assigned,
      id: 1,
      event: 'review_requested',
      actor: user('carol', 3),
      review_requester: user('carol', 3),
      requested_reviewer: user('dave', 4),
    });
    expect(mapIssueEvent(REPO, requested)).toMatchObject({
      type: 'github.pull_request.review_requested',
      actor: { githubLogin: 'carol', githubId: 3 },
      targets: [{ githubLogin: 'dave', githubId: 4, role: 'reviewer' }],
    });
    const toBot = { ...requested, requested_reviewer: user('copilot-pull-request-reviewer[bot]', 5, 'Bot') };
    expect(mapIssueEvent(REPO, toBot)!.targets).toEqual([]);
    const team = { ...requested, requested_reviewer: null, requested_team: { slug: 'core' } };
    expect(mapIssueEvent(REPO, team)!.attributes.requestedTeam).toBe('core');
  });

  it('targets @mentioned people, never bots or the author', () => {
    const c = GithubIssueCommentSchema.parse({
      ...seed.issueComments[0]!,
      user: user('alice', 1),
      body: 'thanks @bob, @alice and @codecov[bot]',
    });
    expect(mapIssueComment(REPO, c)!.targets).toEqual([{ githubLogin: 'bob', role: 'mention' }]);
  });
});
