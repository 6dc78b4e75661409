import { eventId } from '@pushpull/core';
import type { Conversation, Label, Party } from './conversation';
import { isoSeconds, type SimulationContext } from './simulation-context';
import type { SlackChannel } from './slack-workspace';
import { BROADCAST_MIN_AUDIENCE } from './truth';

/**
 * A Slack thread: the first post is a channel (or DM) message, later posts are thread replies with
 * `inReplyTo` and `attributes.threadTs`. The conversation id is the thread. Targets are `dm` in DMs and
 * `mention` in channels; a post without targets to a channel of BROADCAST_MIN_AUDIENCE or more is a broadcast.
 *
 * @example new SlackThread(ctx, ctx.slack.dm(1, 4), startMs).post(1, [4], 'How is the export job going?', PULL, null);
 */
export class SlackThread implements Conversation {
  private threadTs: string | null = null;
  private posts = 0;

  constructor(
    private readonly ctx: SimulationContext,
    private readonly channel: SlackChannel,
    private time: number,
  ) {}

  post(author: number, to: readonly Party[], text: string, label: Label, replyTo: string | null): string {
    const { ctx, channel } = this;
    if (this.posts++ > 0) this.time += ctx.rng.int(60, 2400) * 1000;
    const seconds = Math.floor(this.time / 1000);
    const ts = `${seconds}.${String(ctx.nextSeq() % 1_000_000).padStart(6, '0')}`;
    const threadTs = this.threadTs ?? ts;
    this.threadTs = threadTs;
    const teamId = ctx.slack.teamId;
    const id = eventId('slack', teamId, 'message', `${channel.id}:${ts}`);
    const role = channel.type === 'im' || channel.type === 'mpim' ? 'dm' : 'mention';
    ctx.emit(
      this.time,
      {
        id,
        source: 'slack',
        type: 'slack.message.posted',
        occurredAt: isoSeconds(this.time),
        actor: { slackId: ctx.org.people[author]!.slackId! },
        targets: to.map((p) => ({ slackId: ctx.org.people[p]!.slackId!, role })),
        conversationId: `slack:${teamId}:${channel.id}:${threadTs}`,
        inReplyTo: replyTo,
        text,
        url: `https://${ctx.slack.subdomain}.slack.com/archives/${channel.id}/p${ts.replace('.', '')}`,
        audience: {
          kind: channel.type === 'im' || channel.type === 'mpim' ? channel.type : 'channel',
          id: channel.id,
          size: channel.size,
        },
        attributes: ts === threadTs ? { channelType: channel.type } : { channelType: channel.type, threadTs },
      },
      author,
      to,
      label,
      to.length === 0 && channel.size >= BROADCAST_MIN_AUDIENCE,
    );
    return id;
  }
}
