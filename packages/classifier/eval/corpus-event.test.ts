import { describe, expect, it } from 'vitest';
import { corpusEvents } from './corpus-event';
import type { CorpusItem } from './corpus-item';

const base = { record: 'r', split: 'train' as const, position: 0 };

describe('corpusEvents', () => {
  it('makes an email an Outlook message from its sender to its to and cc, with a list when more were addressed', () => {
    const [event] = corpusEvents([
      {
        ...base,
        id: 'e0001',
        source: 'email',
        origin: 'enron',
        thread: 'enron/subj:x',
        author: 'a@enron.com',
        to: ['b@enron.com'],
        cc: ['c@enron.com'],
        toCount: 20,
        ccCount: 1,
        subject: 'Re: x',
        date: '2001-05-01T10:00:00-07:00',
        text: 'Done.',
      },
    ]);
    expect(event).toMatchObject({
      source: 'outlook',
      type: 'outlook.message.sent',
      actor: { email: 'a@enron.com' },
      targets: [
        { email: 'b@enron.com', role: 'to' },
        { email: 'c@enron.com', role: 'cc' },
      ],
      subject: 'Re: x',
      occurredAt: '2001-05-01T17:00:00.000Z',
      audience: { kind: 'distribution-list', size: 21 },
    });
  });

  it('addresses the nicks a chat line names and replies to the latest line of the first of them', () => {
    const line = (id: string, author: string, text: string, position: number): CorpusItem => ({
      ...base,
      id,
      source: 'chat',
      origin: 'irc',
      thread: 'irc/t1',
      position,
      author,
      community: 'ubuntu',
      date: '2004-11-15T03:10',
      text,
    });
    const events = corpusEvents([
      line('c0001', 'yohannes', 'can anyone recommend a rar tool?', 0),
      line('c0002', 'Hikaru79', 'yohannes, why not WinRAR?', 1),
      line('c0003', 'ana', 'ping @Hikaru79 and @nobody', 2),
    ]);
    expect(events.map((e) => e.inReplyTo)).toEqual([null, 'corpus:c0001', 'corpus:c0002']);
    expect(events[1]?.targets).toEqual([{ slackId: 'UYOHANNES', role: 'mention' }]);
    expect(events[2]?.targets).toEqual([{ slackId: 'UHIKARU79', role: 'mention' }]);
    expect(events[0]?.audience).toMatchObject({ kind: 'channel', size: 3 });
    expect(new Set(events.map((e) => e.conversationId))).toEqual(new Set(['corpus:irc/t1']));
  });

  it("makes a GitHub opening post an issue (titled) and every comment another person's reply to its author", () => {
    const post = (id: string, kind: 'issue' | 'comment', position: number): CorpusItem => ({
      ...base,
      id,
      source: 'github',
      origin: 'vcu',
      thread: 'vcu/1',
      position,
      kind,
      project: 'a/b',
      subject: 'Crash on start',
      text: 'x',
    });
    const [issue, comment] = corpusEvents([post('g0001', 'issue', 0), post('g0002', 'comment', 1)]);
    expect(issue).toMatchObject({ type: 'github.issue.opened', subject: 'Crash on start', targets: [] });
    expect(comment).toMatchObject({
      type: 'github.issue_comment.created',
      subject: null,
      targets: [{ githubLogin: issue?.actor.githubLogin, role: 'author' }],
    });
    expect(comment?.actor.githubLogin).not.toBe(issue?.actor.githubLogin);
  });
});
