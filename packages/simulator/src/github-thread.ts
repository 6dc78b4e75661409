import { type ActivityEvent, eventId } from '@pushpull/core';
import {
  type Conversation,
  type Label,
  type Party,
  PULL,
  PUSH_PROACTIVE,
  PUSH_RESPONSIVE,
} from './conversation';
import { isoSeconds, type SimulationContext } from './simulation-context';

/** The state of a submitted pull request review. */
export type ReviewState = 'approved' | 'changes_requested' | 'commented';

/**
 * A GitHub issue or pull request in `repo` (`owner/name`). `post` adds an issue comment with `mention`
 * targets; the other methods emit the typed events: PR opened (push, no targets), review requested
 * (pull → reviewer), review submitted (responsive push → author), issue opened and issue assigned.
 *
 * @example
 * const pr = new GithubThread(ctx, 'acme/web-app', 412, 'pull', 'Add retry logic', startMs);
 * pr.openPullRequest(3, 'This PR adds the retry logic for the export job.');
 * const ask = pr.requestReview(3, 5);
 * pr.submitReview(5, 3, ask, 'approved', 'The retry logic looks correct.');
 */
export class GithubThread implements Conversation {
  private posts = 0;
  private readonly conversationId: string;
  private readonly url: string;

  constructor(
    private readonly ctx: SimulationContext,
    private readonly repo: string,
    private readonly number: number,
    kind: 'pull' | 'issue',
    private readonly title: string,
    private time: number,
  ) {
    this.conversationId = `github:${repo}:${kind}:${number}`;
    this.url = `https://github.com/${repo}/${kind === 'pull' ? 'pull' : 'issues'}/${number}`;
  }

  post(author: number, to: readonly Party[], text: string, label: Label, replyTo: string | null): string {
    const commentId = 900_000_000 + this.ctx.nextSeq();
    return this.emit(author, to, label, {
      id: eventId('github', this.repo, 'issue_comment', commentId),
      type: 'github.issue_comment.created',
      role: 'mention',
      text,
      inReplyTo: replyTo,
      url: `${this.url}#issuecomment-${commentId}`,
      attributes: {},
    });
  }

  /** The author opens the pull request (push, proactive, no targets). */
  openPullRequest(author: number, text: string): string {
    return this.emit(author, [], PUSH_PROACTIVE, {
      id: eventId('github', this.repo, 'pull_request', `${this.number}:opened`),
      type: 'github.pull_request.opened',
      role: 'reviewer',
      text,
      inReplyTo: null,
      url: this.url,
      attributes: { number: this.number },
    });
  }

  /** The pull request's author asks `reviewer` for a review (pull). */
  requestReview(author: number, reviewer: number): string {
    const login = this.ctx.org.people[reviewer]!.githubLogin!;
    return this.emit(author, [reviewer], PULL, {
      id: eventId('github', this.repo, 'review_requested', `${this.number}:${login}`),
      type: 'github.pull_request.review_requested',
      role: 'reviewer',
      text: null,
      inReplyTo: null,
      url: this.url,
      attributes: { number: this.number },
    });
  }

  /** `reviewer` submits a review of `author`'s pull request, answering the request `replyTo`. */
  submitReview(reviewer: number, author: number, replyTo: string, state: ReviewState, text: string): string {
    const reviewId = 1_500_000_000 + this.ctx.nextSeq();
    return this.emit(reviewer, [author], PUSH_RESPONSIVE, {
      id: eventId('github', this.repo, 'review', reviewId),
      type: 'github.pull_request_review.submitted',
      role: 'author',
      text,
      inReplyTo: replyTo,
      url: `${this.url}#pullrequestreview-${reviewId}`,
      attributes: { number: this.number, state },
    });
  }

  /** The author opens the issue (push, proactive, no targets). */
  openIssue(author: number, text: string): string {
    return this.emit(author, [], PUSH_PROACTIVE, {
      id: eventId('github', this.repo, 'issue', `${this.number}:opened`),
      type: 'github.issue.opened',
      role: 'mention',
      text,
      inReplyTo: null,
      url: this.url,
      attributes: { number: this.number },
    });
  }

  /** `assigner` assigns the issue to `assignee` (push, proactive). */
  assign(assigner: number, assignee: number): string {
    const eventNumber = 7_000_000_000 + this.ctx.nextSeq();
    return this.emit(assigner, [assignee], PUSH_PROACTIVE, {
      id: eventId('github', this.repo, 'issue_event', eventNumber),
      type: 'github.issue.assigned',
      role: 'assignee',
      text: null,
      inReplyTo: null,
      url: this.url,
      attributes: { number: this.number },
    });
  }

  private emit(
    author: number,
    to: readonly Party[],
    label: Label,
    part: {
      id: string;
      type: string;
      role: 'mention' | 'reviewer' | 'author' | 'assignee';
      text: string | null;
      inReplyTo: string | null;
      url: string;
      attributes: Record<string, unknown>;
    },
  ): string {
    const { ctx } = this;
    if (this.posts++ > 0) this.time += ctx.rng.int(60, 2400) * 1000;
    const people = ctx.org.people;
    const event: ActivityEvent = {
      id: part.id,
      source: 'github',
      type: part.type,
      occurredAt: isoSeconds(this.time),
      actor: { githubLogin: people[author]!.githubLogin! },
      targets: to.map((p) => ({ githubLogin: people[p]!.githubLogin!, role: part.role })),
      conversationId: this.conversationId,
      inReplyTo: part.inReplyTo,
      subject: this.title,
      text: part.text,
      url: part.url,
      audience: { kind: 'repo', id: this.repo, size: null },
      attributes: part.attributes,
    };
    ctx.emit(this.time, event, author, to, label);
    return part.id;
  }
}
