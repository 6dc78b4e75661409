import { ActivityEventSchema } from '@pushpull/core';
import { OrgChart, parseOrgCsv } from '@pushpull/org';
import { describe, expect, it } from 'vitest';
import { classifyEvent } from './classify-event';
import { InMemoryConversationMemory } from './in-memory-conversation-memory';
import { TextFeaturesSchema, textFeatures } from './text-features';

const org = OrgChart.fromRows(
  parseOrgCsv(`email,name,manager_email
boss@acme.com,Bo,
ana@acme.com,Ana,boss@acme.com
lee@acme.com,Lee,boss@acme.com
`),
);

const MESSAGES: { subject: string | null; text: string }[] = [
  {
    subject: 'Northwind order volumes',
    text: 'Hi Pat, could you send me the Q3 order volumes before our review?',
  },
  {
    subject: 'RE: Project update?',
    text: 'Yes, the audit is on track. The draft report goes out on Friday.',
  },
  { subject: 'Budget sign-off', text: 'Please sign off the Q4 budget by Thursday.' },
  { subject: 'Thanks', text: 'Thanks a lot, much appreciated!' },
  {
    subject: 'Company update',
    text: 'We closed the quarter ahead of plan. Let me know if you have any questions.',
  },
  { subject: 'Fwd: contract', text: 'Here you go, as you requested.' },
  { subject: null, text: 'What do you think about moving the launch? Thoughts?' },
  { subject: 'Lunch', text: 'Can we meet at 12:30 on Tuesday instead?' },
];

function mail(
  id: string,
  subject: string | null,
  text: string | null,
  attributes: Record<string, unknown> = {},
) {
  return ActivityEventSchema.parse({
    id,
    source: 'outlook',
    type: 'outlook.message.sent',
    occurredAt: '2024-05-02T10:00:00Z',
    actor: { email: 'ana@acme.com' },
    targets: [{ email: 'boss@acme.com', role: 'to' }],
    conversationId: `outlook:${id}`,
    subject,
    text,
    attributes,
  });
}

describe('textFeatures', () => {
  it('holds no word of the text and round-trips through JSON and its schema', () => {
    for (const m of MESSAGES) {
      const f = textFeatures(m);
      const json = JSON.stringify(f);
      expect(TextFeaturesSchema.parse(JSON.parse(json))).toEqual(f);
      // Outside the pattern ids (a fixed catalogue such as `request:send-me`), no word of the message.
      const flags = JSON.stringify({
        ...f,
        sentences: f.sentences.map(({ matched: _ids, ...rest }) => rest),
      });
      for (const word of `${m.subject ?? ''} ${m.text}`.split(/\W+/).filter((w) => w.length >= 3)) {
        expect(flags).not.toMatch(new RegExp(`\\b${word}\\b`, 'i'));
      }
      for (const s of f.sentences) for (const id of s.matched) expect(id).toMatch(/^[a-z-]+:[a-z0-9-]+$/);
      expect(json).not.toMatch(/Northwind|volumes|audit|Thursday|quarter|launch|contract/i);
    }
  });

  it('gives classifyEvent the same mode, initiative and reasons as the text', () => {
    const modes = new Set<string>();
    for (const [i, m] of MESSAGES.entries()) {
      const full = classifyEvent(mail(`m${i}`, m.subject, m.text), {
        org,
        memory: new InMemoryConversationMemory(),
      });
      const featured = classifyEvent(mail(`m${i}`, null, null, { textFeatures: textFeatures(m) }), {
        org,
        memory: new InMemoryConversationMemory(),
      });
      expect({ mode: featured.mode, initiative: featured.initiative, reasons: featured.reasons }).toEqual({
        mode: full.mode,
        initiative: full.initiative,
        reasons: full.reasons,
      });
      modes.add(full.mode);
    }
    // The sample covers every mode, so the equality above is not trivially about one label.
    expect(modes).toEqual(new Set(['push', 'pull', 'neutral']));
  });

  it('is ignored when the event has text, or when the features are not valid', () => {
    const withText = classifyEvent(
      mail('t1', null, 'Could you send me the report?', { textFeatures: textFeatures({ text: 'Thanks!' }) }),
      { org, memory: new InMemoryConversationMemory() },
    );
    expect(withText.mode).toBe('pull');
    const bogus = classifyEvent(mail('t2', null, null, { textFeatures: { v: 2 } }), {
      org,
      memory: new InMemoryConversationMemory(),
    });
    expect(bogus.mode).toBe('neutral');
  });
});
