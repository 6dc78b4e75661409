import {
  type ActivityEvent,
  type ActivityEventInput,
  ActivityEventSchema,
  type BroadcastEdge,
  type Edge,
  isBroadcastEdge,
  LabeledEventSchema,
} from '@pushpull/core';
import { OrgChart, parseOrgCsv } from '@pushpull/org';
import { describe, expect, it } from 'vitest';
import { CLASSIFIER_VERSION } from './classifier-version';
import { classifyEvent } from './classify-event';
import { InMemoryConversationMemory } from './in-memory-conversation-memory';

const org = OrgChart.fromRows(
  parseOrgCsv(`email,name,manager_email,github_login,slack_id
cto@acme.com,Carla,,carla-cto,U0CARLA
maria@acme.com,Maria,cto@acme.com,maria-m,U0MARIA
ivan@acme.com,Ivan,maria@acme.com,ivan-dev,U0IVAN
ines@acme.com,Ines,maria@acme.com,ines-dev,U0INES
lou@acme.com,Lou,cto@acme.com,lou-ops,U0LOU
leo@acme.com,Leo,lou@acme.com,leo-ops,U0LEO
`),
);

let seq = 0;
function event(input: Partial<ActivityEventInput> & Pick<ActivityEventInput, 'type'>): ActivityEvent {
  seq++;
  return ActivityEventSchema.parse({
    id: `test:${seq}`,
    source: input.type.split('.')[0],
    occurredAt: `2024-05-02T10:${String(seq % 60).padStart(2, '0')}:00Z`,
    actor: { slackId: 'U0IVAN' },
    targets: [],
    ...input,
  });
}

const slack = (text: string, extra: Partial<ActivityEventInput> = {}) =>
  event({ type: 'slack.message.posted', text, targets: [{ slackId: 'U0MARIA', role: 'dm' }], ...extra });

// These cases pin down the rule layer (what 0.2.0 labelled, and what the learned layer weighs): they run
// with `model: null`. The learned layer on top has its own suite (classify-event.learned.test.ts).
function classify(e: ActivityEvent, memory = new InMemoryConversationMemory()) {
  const labeled = classifyEvent(e, { org, memory, model: null });
  expect(LabeledEventSchema.safeParse(labeled).success).toBe(true);
  return labeled;
}

const edgesOf = (edges: (Edge | BroadcastEdge)[]) => edges.filter((e): e is Edge => !isBroadcastEdge(e));

describe('classifyEvent: structure rules', () => {
  it.each([
    ['github.pull_request.review_requested', 'pull', 'review-request'],
    ['github.pull_request_review.submitted', 'push', 'review-submitted'],
    ['github.pull_request.opened', 'push', 'pr-opened'],
    ['github.issue.assigned', 'push', 'assignment'],
    ['outlook.event.organized', 'neutral', 'meeting-logistics'],
  ] as const)('%s is %s (%s) whatever the text says', (type, mode, reason) => {
    const labeled = classify(
      event({
        type,
        actor: { githubLogin: 'ivan-dev' },
        text: 'Could you take a look at this?',
        subject: 'Why?',
      }),
    );
    expect(labeled.mode).toBe(mode);
    expect(labeled.reasons[0]).toBe(reason);
    expect(labeled.confidence).toBeGreaterThanOrEqual(0.8);
    expect(labeled.initiative === null).toBe(mode !== 'push');
  });
});

describe('classifyEvent: text rules', () => {
  it.each([
    [
      'Can you send me the status of the billing migration?',
      ['question-sentence', 'request-for-information'],
    ],
    ['What do you think about moving the launch to May?', ['question-sentence']],
    ['Any thoughts on the new on-call rota?', ['question-sentence']],
    ['Hi Maria, please send me the slides from the offsite.', ['request-for-information']],
    ['Here is the draft of the hiring plan. Let me know your thoughts.', ['request-for-information']],
    ['How do we roll back the pricing change', ['question-sentence']],
  ])('pull: %s', (text, reasons) => {
    const labeled = classify(slack(text));
    expect(labeled.mode).toBe('pull');
    expect(labeled.initiative).toBeNull();
    expect(labeled.reasons).toEqual(reasons);
  });

  it.each([
    [
      'Here is the weekly summary for the payments team: revenue up 3%, two incidents, churn flat.',
      ['statement'],
    ],
    ['Please fix the flaky login test by Friday.', ['statement', 'directive']],
    [
      'I shipped the retry logic for the export job. Let me know if you have any questions.',
      ['statement', 'courtesy-closer'],
    ],
    ['I need you to own the incident review this week.', ['statement', 'directive']],
    ['Good morning team! The staging cluster is back up.', ['statement']],
    ["I'll send over the deck tomorrow.", ['statement']],
    ['The Q3 numbers are in the shared folder. Does that make sense?', ['statement', 'courtesy-closer']],
  ])('push: %s', (text, reasons) => {
    const labeled = classify(slack(text));
    expect(labeled.mode).toBe('push');
    expect(labeled.reasons).toEqual([...reasons, 'no-earlier-pull']);
    expect(labeled.initiative).toBe('proactive');
  });

  it.each([
    'Thanks!',
    'Sounds good',
    '👍',
    'Good morning team',
    'Thanks for the update, Maria :)',
    'Great, thanks <@U0MARIA> 🙌',
    'Thanks,\nIvan',
  ])('neutral: %s', (text) => {
    const labeled = classify(slack(text));
    expect(labeled.mode).toBe('neutral');
    expect(labeled.reasons).toEqual(['acknowledgement']);
    expect(labeled.initiative).toBeNull();
  });

  it('is neutral with low confidence when there is no text', () => {
    const labeled = classify(slack(''));
    expect(labeled).toMatchObject({
      mode: 'neutral',
      reasons: ['acknowledgement', 'no-text'],
      confidence: 0.5,
    });
  });

  it('judges only the author’s words: quoted replies, signatures and sign-offs are ignored', () => {
    const mail = event({
      type: 'outlook.message.sent',
      actor: { email: 'ivan@acme.com' },
      targets: [{ email: 'maria@acme.com', role: 'to' }],
      subject: 'Re: Can you send me the migration status?',
      text: 'Migration is 80% done, finishing Tuesday.\n\nBest,\nIvan\n\nOn Tue, 30 Apr 2024 at 09:12, Maria <maria@acme.com> wrote:\n> Can you send me the migration status?\n',
    });
    expect(classify(mail)).toMatchObject({ mode: 'push', reasons: ['statement', 'no-earlier-pull'] });
  });

  it('reads an email subject of the author’s own but not a comment’s thread title', () => {
    const question = { subject: 'Can we move the launch to May?', text: 'The vendor is late on the SDK.' };
    expect(
      classify(event({ type: 'outlook.message.sent', actor: { email: 'ivan@acme.com' }, ...question })).mode,
    ).toBe('pull');
    expect(classify(event({ type: 'github.issue_comment.created', ...question })).mode).toBe('push');
  });

  it('treats a forward as a push even without a note', () => {
    const fwd = event({
      type: 'outlook.message.sent',
      actor: { email: 'ivan@acme.com' },
      subject: 'Fwd: Q3 board deck',
    });
    expect(classify(fwd)).toMatchObject({ mode: 'push', reasons: ['forward', 'no-earlier-pull'] });
  });
});

describe('classifyEvent: initiative', () => {
  it('a report answering the manager’s question in the thread is a responsive push up', () => {
    const memory = new InMemoryConversationMemory();
    const thread = 'slack:T1:C1:1714640000.000100';
    const ask = event({
      type: 'slack.message.posted',
      actor: { slackId: 'U0MARIA' },
      targets: [{ slackId: 'U0IVAN', role: 'mention' }],
      conversationId: thread,
      text: '<@U0IVAN> can you send me the status of the billing migration?',
    });
    const answer = event({
      type: 'slack.message.posted',
      actor: { slackId: 'U0IVAN' },
      targets: [{ slackId: 'U0MARIA', role: 'author' }],
      conversationId: thread,
      text: 'Billing migration is 80% done; the last two tenants move on Tuesday.',
    });
    const pull = classify(ask, memory);
    expect(pull.mode).toBe('pull');
    expect(edgesOf(pull.edges)[0]).toMatchObject({
      direction: 'down',
      distance: 1,
      personId: 'p:ivan@acme.com',
    });
    expect(memory.pullsIn(thread)).toEqual([
      {
        conversationId: thread,
        eventId: ask.id,
        pullerKey: 'p:maria@acme.com',
        pulledKeys: ['p:ivan@acme.com'],
        at: ask.occurredAt,
      },
    ]);

    const push = classify(answer, memory);
    expect(push).toMatchObject({ mode: 'push', initiative: 'responsive', respondsTo: ask.id });
    expect(push.reasons).toEqual(['statement', 'answers-earlier-pull']);
    expect(pull.respondsTo).toBeUndefined();
    expect(edgesOf(push.edges)[0]).toMatchObject({
      direction: 'up',
      distance: 1,
      personId: 'p:maria@acme.com',
    });
  });

  it('an unprompted weekly update to the manager is a proactive push up', () => {
    const memory = new InMemoryConversationMemory();
    const update = classify(
      slack('Weekly update: the export job retries are live and on-call pages dropped by half.', {
        conversationId: 'slack:T1:D1',
      }),
      memory,
    );
    expect(update).toMatchObject({
      mode: 'push',
      initiative: 'proactive',
      reasons: ['statement', 'no-earlier-pull'],
    });
    expect(edgesOf(update.edges)[0]).toMatchObject({ direction: 'up', distance: 1 });
  });

  it('a review after a review request is a responsive push from reviewer to author', () => {
    const memory = new InMemoryConversationMemory();
    const pr = 'github:acme/api:pull:42';
    const request = event({
      type: 'github.pull_request.review_requested',
      actor: { githubLogin: 'ines-dev' },
      targets: [{ githubLogin: 'Ivan-Dev', role: 'reviewer' }],
      conversationId: pr,
    });
    const review = event({
      type: 'github.pull_request_review.submitted',
      actor: { githubLogin: 'ivan-dev' },
      targets: [{ githubLogin: 'ines-dev', role: 'author' }],
      conversationId: pr,
      text: 'Looks good, one nit on the retry backoff.',
      attributes: { state: 'approved' },
    });
    expect(classify(request, memory).mode).toBe('pull');
    const labeled = classify(review, memory);
    expect(labeled).toMatchObject({
      mode: 'push',
      initiative: 'responsive',
      reasons: ['review-submitted', 'answers-earlier-pull'],
    });
    expect(edgesOf(labeled.edges)[0]).toMatchObject({ direction: 'peer', personId: 'p:ines@acme.com' });
  });

  it('a push by someone the pull did not address is proactive', () => {
    const memory = new InMemoryConversationMemory();
    const c = 'slack:T1:C1:thread-2';
    classify(
      event({
        type: 'slack.message.posted',
        actor: { slackId: 'U0MARIA' },
        targets: [{ slackId: 'U0IVAN', role: 'mention' }],
        conversationId: c,
        text: 'What is blocking the release?',
      }),
      memory,
    );
    const other = classify(
      event({
        type: 'slack.message.posted',
        actor: { slackId: 'U0INES' },
        targets: [{ slackId: 'U0MARIA', role: 'author' }],
        conversationId: c,
        text: 'The release notes are done on my side.',
      }),
      memory,
    );
    expect(other.initiative).toBe('proactive');
  });

  it('a reply naming the pull in inReplyTo is responsive, a pull from the future is not', () => {
    const memory = new InMemoryConversationMemory();
    const conversationId = 'outlook:conv-1';
    const ask = event({
      type: 'outlook.message.sent',
      actor: { email: 'cto@acme.com' },
      targets: [{ email: 'all-managers@acme.com', role: 'to' }],
      conversationId,
      occurredAt: '2024-05-02T09:00:00Z',
      subject: 'Headcount',
      text: 'Please send me your headcount plans for Q3.',
    });
    classify(ask, memory);
    const replyFields = {
      type: 'outlook.message.sent',
      actor: { email: 'lou@acme.com' },
      targets: [{ email: 'cto@acme.com', role: 'to' as const }],
      conversationId,
      subject: 'Re: Headcount',
      text: 'Ops plans two hires in Q3.',
    };
    expect(classify(event({ ...replyFields, inReplyTo: ask.id }), memory).initiative).toBe('responsive');
    const before = event({ ...replyFields, inReplyTo: null, occurredAt: '2024-05-02T08:00:00Z' });
    expect(classify(before, memory).initiative).toBe('proactive');
  });

  it('"as you requested" is responsive without any memory', () => {
    const labeled = classify(slack('As you requested, the incident timeline is attached.'));
    expect(labeled).toMatchObject({ initiative: 'responsive', reasons: ['statement', 'as-requested'] });
    expect(labeled.respondsTo).toBeUndefined(); // no remembered ask to point at
  });
});

describe('classifyEvent: edges', () => {
  it('has one edge per target with its direction, skipping the author', () => {
    const labeled = classify(
      event({
        type: 'outlook.message.sent',
        actor: { email: 'maria@acme.com' },
        targets: [
          { email: 'ivan@acme.com', role: 'to' },
          { email: 'cto@acme.com', role: 'cc' },
          { email: 'leo@acme.com', role: 'cc' },
          { email: 'buyer@client.com', role: 'cc' },
          { githubId: 99, role: 'cc' },
          { slackId: 'U0MARIA', role: 'cc' },
        ],
        text: 'The contract renewal is signed.',
      }),
    );
    expect(labeled.actor.personId).toBe('p:maria@acme.com');
    expect(edgesOf(labeled.edges).map((e) => [e.target.role, e.direction, e.distance])).toEqual([
      ['to', 'down', 1],
      ['cc', 'up', 1],
      ['cc', 'lateral', null],
      ['cc', 'external', null],
      ['cc', 'unknown', null],
    ]);
    expect(edgesOf(labeled.edges)[0]!.target).toEqual({ email: 'ivan@acme.com', role: 'to' });
  });

  it('labels an unresolved author with unknown edges', () => {
    const labeled = classify(slack('The build is green again.', { actor: { slackId: 'U0GHOST' } }));
    expect(labeled.actor.personId).toBeNull();
    expect(edgesOf(labeled.edges)[0]).toMatchObject({ direction: 'unknown', personId: 'p:maria@acme.com' });
  });

  it('makes a big channel one broadcast edge with the mix of its resolvable targets', () => {
    const labeled = classify(
      event({
        type: 'slack.message.posted',
        actor: { slackId: 'U0MARIA' },
        targets: [
          { slackId: 'U0IVAN', role: 'mention' },
          { slackId: 'U0CARLA', role: 'mention' },
          { slackId: 'U0NOBODY', role: 'mention' },
        ],
        audience: { kind: 'channel', id: 'C0GENERAL', size: 240 },
        text: 'All-hands moves to Thursday; the agenda is in the channel topic.',
      }),
    );
    expect(labeled.edges).toEqual([
      {
        broadcast: true,
        audience: { kind: 'channel', id: 'C0GENERAL', size: 240 },
        mix: { up: 1, down: 1, peer: 0, lateral: 0, external: 0, unknown: 0 },
      },
    ]);
  });

  it('broadcasts from the threshold of audience size, and above it in targets', () => {
    const targets = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ email: `p${i}@client.com`, role: 'to' as const }));
    const mail = (n: number, size?: number) =>
      event({
        type: 'outlook.message.sent',
        actor: { email: 'lou@acme.com' },
        targets: targets(n),
        text: 'Our maintenance window is Saturday 02:00 UTC.',
        ...(size === undefined ? {} : { audience: { kind: 'distribution-list', id: 'dl-1', size } }),
      });
    expect(classify(mail(10)).edges).toHaveLength(10);
    expect(classify(mail(11)).edges).toEqual([
      {
        broadcast: true,
        audience: { kind: 'recipients', id: null, size: 11 },
        mix: { up: 0, down: 0, peer: 0, lateral: 0, external: 11, unknown: 0 },
      },
    ]);
    expect(classify(mail(1, 10)).edges).toHaveLength(1);
    expect(isBroadcastEdge(classify(mail(1, 10)).edges[0]!)).toBe(true);
    expect(classify(mail(1, 9)).edges).toHaveLength(1);
    expect(isBroadcastEdge(classify(mail(1, 9)).edges[0]!)).toBe(false);
    const custom = classifyEvent(mail(3), {
      org,
      memory: new InMemoryConversationMemory(),
      broadcastThreshold: 2,
    });
    expect(isBroadcastEdge(custom.edges[0]!)).toBe(true);
  });
});

describe('classifyEvent: output', () => {
  it('copies occurredAt, source, type and url and stamps the version', () => {
    const e = slack('Deploy finished.', { url: 'https://acme.slack.com/archives/D1/p1' });
    expect(classify(e)).toMatchObject({
      id: e.id,
      occurredAt: e.occurredAt,
      source: 'slack',
      type: 'slack.message.posted',
      url: 'https://acme.slack.com/archives/D1/p1',
      classifierVersion: CLASSIFIER_VERSION,
    });
  });

  it('is deterministic: the same events in the same order give deep-equal labels', () => {
    const c = 'slack:T1:C9:thread';
    const events = [
      slack('Can you share the rollout checklist?', {
        actor: { slackId: 'U0MARIA' },
        targets: [{ slackId: 'U0IVAN', role: 'mention' }],
        conversationId: c,
      }),
      slack('Checklist is in the runbook, section 4.', {
        targets: [{ slackId: 'U0MARIA', role: 'author' }],
        conversationId: c,
      }),
      slack('Thanks!', { actor: { slackId: 'U0MARIA' }, conversationId: c }),
    ];
    const run = () => {
      const memory = new InMemoryConversationMemory();
      return events.map((e) => classifyEvent(e, { org, memory, model: null }));
    };
    const first = run();
    expect(run()).toEqual(first);
    expect(first.map((l) => [l.mode, l.initiative])).toEqual([
      ['pull', null],
      ['push', 'responsive'],
      ['neutral', null],
    ]);
    for (const l of first) expect(LabeledEventSchema.parse(l)).toEqual(l);
  });
});

describe('classifyEvent: 0.2.0 conversation rules', () => {
  const inChannel = (actor: string, text: string, extra: Partial<ActivityEventInput> = {}) =>
    event({
      type: 'slack.message.posted',
      actor: { slackId: actor },
      targets: [],
      conversationId: 'slack:T1:C7',
      audience: { kind: 'channel', id: 'C7', size: 6 },
      text,
      ...extra,
    });

  it('an answer that names nobody, after an open question in a small channel, is responsive', () => {
    const memory = new InMemoryConversationMemory();
    expect(classify(inChannel('U0MARIA', 'who owns the billing cron?'), memory).mode).toBe('pull');
    expect(classify(inChannel('U0IVAN', 'payments team, so us'), memory)).toMatchObject({
      mode: 'push',
      initiative: 'responsive',
      reasons: ['statement', 'answers-earlier-pull'],
    });
  });

  it('an answer posted to a big channel is not taken for an answer to an open question', () => {
    const memory = new InMemoryConversationMemory();
    const big = { audience: { kind: 'channel', id: 'C7', size: 200 } };
    classify(inChannel('U0MARIA', 'who owns the billing cron?', big), memory);
    expect(classify(inChannel('U0IVAN', 'The new pricing page is live.', big), memory).initiative).toBe(
      'proactive',
    );
  });

  it('fulfilling a directive is responsive; accepting it is neutral', () => {
    const memory = new InMemoryConversationMemory();
    const thread = { conversationId: 'slack:T1:C7:t1' };
    const ask = classify(
      inChannel('U0MARIA', '<@U0IVAN> can you rerun the deploy pipeline?', {
        ...thread,
        targets: [{ slackId: 'U0IVAN', role: 'mention' }],
      }),
      memory,
    );
    expect(ask).toMatchObject({ mode: 'push', reasons: ['statement', 'directive', 'no-earlier-pull'] });
    const author = { ...thread, targets: [{ slackId: 'U0MARIA', role: 'author' as const }] };
    expect(classify(inChannel('U0IVAN', 'yep, on it', author), memory).mode).toBe('neutral');
    expect(classify(inChannel('U0IVAN', 'done, it is green now', author), memory)).toMatchObject({
      mode: 'push',
      initiative: 'responsive',
    });
  });

  it('a bare "yes" answers a question put to its author, but is only an acknowledgement otherwise', () => {
    const memory = new InMemoryConversationMemory();
    const dm = (actor: string, other: string, text: string) =>
      event({
        type: 'slack.message.posted',
        actor: { slackId: actor },
        targets: [{ slackId: other, role: 'dm' }],
        conversationId: 'slack:T1:D9',
        text,
      });
    expect(classify(dm('U0IVAN', 'U0MARIA', 'Sounds good'), memory).mode).toBe('neutral');
    expect(classify(dm('U0MARIA', 'U0IVAN', 'is the refund fix merged?'), memory).mode).toBe('pull');
    expect(classify(dm('U0IVAN', 'U0MARIA', 'yep!'), memory)).toMatchObject({
      mode: 'push',
      initiative: 'responsive',
      reasons: ['yes-no-answer', 'answers-earlier-pull'],
    });
  });

  it('a push that opens like an answer is responsive even without the question in memory', () => {
    expect(classify(slack('Yes, it shipped yesterday.', { conversationId: 'slack:T1:D3' }))).toMatchObject({
      mode: 'push',
      initiative: 'responsive',
      reasons: ['answer', 'statement', 'answer-opening'],
    });
  });

  it('an automatic reply and a message led by scheduling are neutral', () => {
    const ooo = event({
      type: 'outlook.message.sent',
      actor: { email: 'ivan@acme.com' },
      subject: 'Automatic reply: Renewal',
      text: 'I am out of the office until Monday. For urgent matters please contact Maria.',
    });
    expect(classify(ooo)).toMatchObject({ mode: 'neutral', reasons: ['auto-reply', 'scheduling-logistics'] });
    expect(
      classify(slack("Can we move Thursday's review to Friday at 10? I have a conflict.")).reasons,
    ).toEqual(['scheduling-logistics']);
  });

  it('a polite directive is a push, a request to send the author something a pull', () => {
    expect(classify(slack('Can you fix the flaky login test by Friday?')).mode).toBe('push');
    expect(classify(slack('Could you send me the numbers from the close?')).mode).toBe('pull');
    expect(classify(slack('nit: rename this')).mode).toBe('push');
    expect(classify(slack('why do we need this lock?')).mode).toBe('pull');
  });
});
