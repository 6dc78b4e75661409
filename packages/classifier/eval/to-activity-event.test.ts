import { parseOrgCsv } from '@pushpull/org';
import { describe, expect, it } from 'vitest';
import { EvalDirectory } from './eval-directory';
import { parseEvalItems } from './eval-item';
import { EVAL_EPOCH, toActivityEvent } from './to-activity-event';

const directory = new EvalDirectory(
  parseOrgCsv(`email,name,manager_email,github_login,slack_id
tom@acme.example,Tom,,treyes,UTOM
ana@acme.example,Ana,tom@acme.example,anacosta,UANA
`),
);
const item = (source: 'email' | 'chat' | 'github', o: Record<string, unknown>) =>
  parseEvalItems(
    JSON.stringify({
      id: 'x001',
      conv: 'k',
      from: 'ana',
      text: 't',
      mode: 'pull',
      init: null,
      why: 'why',
      src: 'written',
      ...o,
    }),
    source,
  )[0]!;

describe('toActivityEvent', () => {
  it('shapes email with to/cc targets and a distribution-list audience', () => {
    const e = toActivityEvent(
      item('email', { to: ['tom', 'ext:dave@client.example'], cc: ['list:ops'], list: 40, subject: 'Hi' }),
      2,
      directory,
    );
    expect(e).toMatchObject({
      id: 'eval:email:x001',
      source: 'outlook',
      type: 'outlook.message.sent',
      occurredAt: new Date(EVAL_EPOCH + 2 * 60_000).toISOString(),
      actor: { email: 'ana@acme.example' },
      targets: [
        { email: 'tom@acme.example', role: 'to' },
        { email: 'dave@client.example', role: 'to' },
        { email: 'ops@lists.acme.example', role: 'cc' },
      ],
      conversationId: 'eval:email:k',
      subject: 'Hi',
      audience: { kind: 'distribution-list', size: 40 },
    });
  });

  it('shapes chat: dm targets in DMs, roles after a colon, thread parents as inReplyTo', () => {
    expect(toActivityEvent(item('chat', { ch: 'im', to: ['tom'] }), 0, directory).targets).toEqual([
      { slackId: 'UTOM', role: 'dm' },
    ]);
    const reply = toActivityEvent(
      item('chat', { ch: '#eng', size: 8, to: ['tom:author'], reply: 'c001' }),
      0,
      directory,
    );
    expect(reply).toMatchObject({
      source: 'slack',
      actor: { slackId: 'UANA' },
      targets: [{ slackId: 'UTOM', role: 'author' }],
      inReplyTo: 'eval:chat:c001',
      audience: { kind: 'channel', id: '#eng', size: 8 },
      attributes: { channelType: 'public' },
    });
  });

  it('shapes GitHub by kind, resolving logins and outsiders', () => {
    const review = toActivityEvent(
      item('github', { kind: 'review', state: 'approved', from: 'treyes', to: ['ext:bob:author'] }),
      0,
      directory,
    );
    expect(review).toMatchObject({
      type: 'github.pull_request_review.submitted',
      actor: { githubLogin: 'treyes' },
      targets: [{ githubLogin: 'bob', role: 'author' }],
      attributes: { state: 'approved' },
    });
    expect(toActivityEvent(item('github', {}), 0, directory).type).toBe('github.issue_comment.created');
    expect(() => toActivityEvent(item('github', { from: 'nobody' }), 0, directory)).toThrow(
      /unknown person nobody/,
    );
  });
});
