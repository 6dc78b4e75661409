import { type ActivityEvent, ActivityEventSchema } from '@pushpull/core';
import { OrgChart } from '@pushpull/org';
import { describe, expect, it } from 'vitest';
import { classifyEvent } from '../classify-event';
import { InMemoryConversationMemory } from '../in-memory-conversation-memory';

const org = OrgChart.fromRows([]);
const event = (id: string, text: string, extra: Partial<ActivityEvent> = {}): ActivityEvent =>
  ActivityEventSchema.parse({
    id,
    source: 'slack',
    type: 'slack.message.posted',
    occurredAt: `2026-03-02T10:0${id.slice(-1)}:00Z`,
    actor: { slackId: 'UANA' },
    targets: [{ slackId: 'UBEN', role: 'mention' }],
    conversationId: 'c1',
    text,
    ...extra,
  });

function traced(events: ActivityEvent[]): string[][] {
  const memory = new InMemoryConversationMemory();
  const out: string[][] = [];
  for (const e of events) {
    classifyEvent(e, { org, memory, model: null, trace: (t) => out.push(t.features) });
  }
  return out;
}

describe('ruleFeatures (through classifyEvent)', () => {
  it('names the rules that fired, the sentence acts and the event type', () => {
    const [features] = traced([event('e1', 'Could you send me the quarterly numbers by Friday?')]);
    expect(features).toEqual(
      expect.arrayContaining([
        't:slack.message.posted',
        'm:pull',
        'r:question-sentence',
        'a1:request',
        'slack|m:pull',
      ]),
    );
  });

  it('sees the conversation: whose asks came before, and whether one was put to the author', () => {
    const [, answer] = traced([
      event('e1', 'Which region is the outage in?', {
        actor: { slackId: 'UBEN' },
        targets: [{ slackId: 'UANA', role: 'mention' }],
      }),
      event('e2', 'It is only eu-west, since 9:40.'),
    ]);
    expect(answer).toEqual(
      expect.arrayContaining([
        'ctx:answers-pull',
        'ctx:others-pull',
        'ctx:latest-pull-other',
        'ctx:pulls=1',
        'i:responsive',
      ]),
    );
    expect(answer).not.toContain('ctx:own-pull');
  });

  it("places the event in its conversation's course: how far in, whose turn, what came just before", () => {
    const ben = { actor: { slackId: 'UBEN' }, targets: [{ slackId: 'UANA', role: 'mention' as const }] };
    const [opening, answer, followUp, again] = traced([
      event('e1', 'My build hangs after the upgrade, any idea why?', ben),
      event('e2', 'It is the cache: clear it and rebuild.'),
      event('e3', 'Still hangs, same error.', ben),
      event('e4', 'Then send me the log.'),
    ]);
    expect(opening).toContain('ctx:seen=0');
    expect(opening?.filter((f) => /^ctx:(?:opener|spoke-before|newcomer|prev)/.test(f))).toEqual([]);
    expect(answer).toEqual(
      expect.arrayContaining(['ctx:seen=1', 'ctx:newcomer', 'ctx:prev=pull:other', 'ctx:prev-asked=other']),
    );
    expect(followUp).toEqual(expect.arrayContaining(['ctx:seen=2', 'ctx:opener', 'ctx:prev=push:other']));
    expect(followUp).not.toContain('ctx:prev-asked=other');
    expect(again).toEqual(
      expect.arrayContaining(['ctx:seen=3-5', 'ctx:spoke-before', 'slack|ctx:spoke-before']),
    );
  });

  it('has no trail without a conversation id, or with a memory that keeps none', () => {
    const [, second] = traced(
      [event('e1', 'Which region?'), event('e2', 'Which region?')].map((e) => ({
        ...e,
        conversationId: null,
      })),
    );
    expect(second).toContain('ctx:seen=0');
    const pullsOnly = new InMemoryConversationMemory();
    const memory = {
      pullsIn: (c: string) => pullsOnly.pullsIn(c),
      remember: pullsOnly.remember.bind(pullsOnly),
    };
    const out: string[][] = [];
    for (const e of [event('e1', 'Which region is it?'), event('e2', 'It is eu-west.')])
      classifyEvent(e, { org, memory, model: null, trace: (t) => out.push(t.features) });
    expect(out[1]).toContain('ctx:seen=0');
    expect(out[1]).not.toContain('ctx:prev=pull:same');
  });

  it('holds no word of the text', () => {
    const [features] = traced([
      event('e1', 'Zanzibar quarterly figures: the Wexford account closed 14 deals.'),
    ]);
    expect(features?.join(' ')).not.toMatch(/zanzibar|quarterly|wexford|account|deals/i);
  });
});
