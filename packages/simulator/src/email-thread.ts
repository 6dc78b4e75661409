import { eventId, type Target } from '@pushpull/core';
import type { Conversation, Label, Party } from './conversation';
import { base36, isoSeconds, type SimulationContext } from './simulation-context';

/**
 * An Outlook email conversation: the first post opens it with `subject` (and optional cc), later posts
 * are replies (`Re: subject`, `inReplyTo`). Recipients are `to` / `cc` targets by email and name.
 *
 * @example new EmailThread(ctx, 'Billing migration status', startMs).post(2, [0], 'Quick update on …', PUSH_PROACTIVE, null);
 */
export class EmailThread implements Conversation {
  private readonly conversationId: string;
  private posts = 0;

  constructor(
    private readonly ctx: SimulationContext,
    private readonly subject: string,
    private time: number,
    private readonly cc: readonly Party[] = [],
  ) {
    this.conversationId = `outlook:AAQkAG${base36(ctx.nextSeq(), 10)}`;
  }

  post(author: number, to: readonly Party[], text: string, label: Label, replyTo: string | null): string {
    const { ctx } = this;
    const first = this.posts++ === 0;
    if (!first) this.time += ctx.rng.int(60, 2400) * 1000;
    const sender = ctx.org.people[author]!;
    const cc = first ? this.cc : [];
    const id = eventId('outlook', sender.email, 'message', `AAMkAG${base36(ctx.nextSeq(), 10)}`);
    ctx.emit(
      this.time,
      {
        id,
        source: 'outlook',
        type: 'outlook.message.sent',
        occurredAt: isoSeconds(this.time),
        actor: { email: sender.email, name: sender.name },
        targets: [...to.map((p) => this.recipient(p, 'to')), ...cc.map((p) => this.recipient(p, 'cc'))],
        conversationId: this.conversationId,
        inReplyTo: replyTo,
        subject: first ? this.subject : `Re: ${this.subject}`,
        text,
        attributes: {},
      },
      author,
      [...to, ...cc],
      label,
    );
    return id;
  }

  private recipient(party: Party, role: 'to' | 'cc'): Target {
    const who = party < 0 ? this.ctx.org.externals[-party - 1]! : this.ctx.org.people[party]!;
    return { email: who.email, name: who.name, role };
  }
}
