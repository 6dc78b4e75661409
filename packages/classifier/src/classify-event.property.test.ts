import {
  type ActivityEvent,
  ActivityEventSchema,
  KNOWN_EVENT_TYPES,
  LabeledEventSchema,
  TARGET_ROLES,
} from '@pushpull/core';
import { OrgChart, type OrgRow } from '@pushpull/org';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyEvent } from './classify-event';
import { InMemoryConversationMemory } from './in-memory-conversation-memory';

const PEOPLE = ['ada', 'ben', 'cy', 'dee', 'eve', 'fay'];
const SAMPLE_TEXTS = [
  'Can you send me the numbers?',
  'Can you fix the login bug by Friday?',
  'Yes, it shipped yesterday.',
  'Thanks!',
  'LGTM',
  'Can we move our 1:1 to 3pm?',
  'Here is the weekly summary. Let me know if you have any questions.',
  '> quoted\nOn Mon, Ada wrote:\n> why?',
  '```\ncode\n```\nanyone seen this?',
  'why do we need this lock?',
  'nit: rename this',
  '<@UBEN> ping',
];

/** The same people under any reporting lines: `managers[i]` is an index below i, or none. */
const orgRows = (managers: readonly (number | null)[]): OrgRow[] =>
  PEOPLE.map((p, i) => {
    const m = managers[i];
    return {
      email: `${p}@acme.example`,
      name: p,
      managerEmail: m === null || m === undefined || i === 0 ? null : `${PEOPLE[m % i]}@acme.example`,
      title: null,
      department: null,
      githubLogin: `${p}-gh`,
      slackId: `U${p.toUpperCase()}`,
      validFrom: null,
    };
  });
const managersArb = fc.array(fc.option(fc.nat(10), { nil: null }), {
  minLength: PEOPLE.length,
  maxLength: PEOPLE.length,
});

const identityArb = fc.oneof(
  fc.constantFrom(...PEOPLE).map((p) => ({ email: `${p}@acme.example` })),
  fc.constantFrom(...PEOPLE).map((p) => ({ slackId: `U${p.toUpperCase()}` })),
  fc.constantFrom(...PEOPLE).map((p) => ({ githubLogin: `${p}-gh` })),
  fc.string({ minLength: 1, maxLength: 12 }).map((login) => ({ githubLogin: login })),
  fc.emailAddress().map((email) => ({ email })),
  fc.integer().map((githubId) => ({ githubId })),
);
const textArb = fc.oneof(
  fc.constantFrom(...SAMPLE_TEXTS),
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc
    .array(fc.constantFrom(...SAMPLE_TEXTS, '\n', '?', ' ', 'please', 'https://x.example/a'), {
      maxLength: 12,
    })
    .map((p) => p.join(' ')),
);

const eventArb: fc.Arbitrary<ActivityEvent> = fc
  .record({
    id: fc.string({ minLength: 1, maxLength: 40 }),
    type: fc.oneof(
      fc.constantFrom(...KNOWN_EVENT_TYPES),
      fc.constantFrom('slack.reaction.added', 'github.issue.closed'),
    ),
    minute: fc.nat(50_000),
    actor: identityArb,
    targets: fc.array(fc.tuple(identityArb, fc.constantFrom(...TARGET_ROLES)), { maxLength: 14 }),
    conversationId: fc.option(fc.constantFrom('c1', 'c2', 'c3'), { nil: null }),
    inReplyTo: fc.option(fc.string({ maxLength: 10 }), { nil: null }),
    subject: fc.option(textArb, { nil: null }),
    text: fc.option(textArb, { nil: null }),
    audienceSize: fc.option(fc.nat(500), { nil: null }),
  })
  .map((r) =>
    ActivityEventSchema.parse({
      id: r.id,
      source: r.type.split('.')[0],
      type: r.type,
      occurredAt: new Date(Date.UTC(2024, 0, 1) + r.minute * 60_000).toISOString(),
      actor: r.actor,
      targets: r.targets.map(([identity, role]) => ({ ...identity, role })),
      conversationId: r.conversationId,
      inReplyTo: r.inReplyTo,
      subject: r.subject,
      text: r.text,
      audience: r.audienceSize === null ? null : { kind: 'channel', id: 'C1', size: r.audienceSize },
    }),
  );

const run = (events: readonly ActivityEvent[], org: OrgChart) => {
  const memory = new InMemoryConversationMemory();
  return events.map((e) => classifyEvent(e, { org, memory }));
};

describe('classifyEvent properties', () => {
  it('never throws on a schema-valid event, returns a valid label with the same id', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 15 }), managersArb, (events, managers) => {
        const labels = run(events, OrgChart.fromRows(orgRows(managers)));
        labels.forEach((label, i) => {
          expect(label.id).toBe(events[i]!.id);
          expect(LabeledEventSchema.safeParse(label).success).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('a changed org chart changes only directions and edges, never mode, initiative, reasons or confidence', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 15 }), managersArb, managersArb, (events, a, b) => {
        const strip = (l: ReturnType<typeof classifyEvent>) => ({ ...l, edges: [], actor: null });
        const first = run(events, OrgChart.fromRows(orgRows(a))).map(strip);
        const second = run(events, OrgChart.fromRows(orgRows(b))).map(strip);
        expect(second).toEqual(first);
      }),
      { numRuns: 200 },
    );
  });
});
