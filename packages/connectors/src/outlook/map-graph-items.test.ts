import { ActivityEventSchema } from '@pushpull/core';
import { describe, expect, it } from 'vitest';
import type { GraphEvent, GraphMessage } from './graph-schemas';
import {
  mapGraphEvent,
  mapGraphMessage,
  type OutlookMappingContext,
  type OutlookPerson,
} from './map-graph-items';

const ada: OutlookPerson = { id: 'u-ada', email: 'ada@contoso.example', name: 'Ada Lovelace' };
const bob: OutlookPerson = { id: 'u-bob', email: 'bob@contoso.example', name: 'Bob Marley' };
const cy: OutlookPerson = { id: 'u-cy', email: 'cy@contoso.example', name: 'Cy Twombly' };

const context: OutlookMappingContext = {
  mailbox: ada,
  people: new Map([ada, bob, cy].map((p) => [p.email, p])),
  groups: new Map([['sales@contoso.example', { id: 'g-sales', name: 'Sales' }]]),
};

const rcpt = (address: string, name = address) => ({ emailAddress: { address, name } });

function message(over: Partial<GraphMessage> = {}): GraphMessage {
  return {
    id: 'AAMk-1',
    internetMessageId: '<m1@contoso.example>',
    sender: rcpt('Ada@Contoso.example', 'Ada Lovelace'),
    toRecipients: [rcpt('bob@contoso.example', 'Bob Marley')],
    ccRecipients: [rcpt('pat@northwind.example', 'Pat Buyer')],
    bccRecipients: [rcpt('cy@contoso.example')],
    subject: 'Q3 numbers',
    bodyPreview: 'Here are the Q3 numbers you asked for.',
    conversationId: 'conv-1',
    sentDateTime: '2026-03-02T09:15:00Z',
    webLink: 'https://outlook.office365.com/owa/?ItemID=AAMk-1',
    ...over,
  };
}

function meeting(over: Partial<GraphEvent> = {}): GraphEvent {
  return {
    id: 'AAMkE-1',
    iCalUId: 'ical-1',
    createdDateTime: '2026-03-01T08:00:00Z',
    subject: 'Budget review',
    bodyPreview: 'Let us go through the budget.',
    start: { dateTime: '2026-03-05T10:00:00.0000000', timeZone: 'UTC' },
    isOrganizer: true,
    isCancelled: false,
    type: 'singleInstance',
    organizer: rcpt('ada@contoso.example'),
    attendees: [
      { ...rcpt('ada@contoso.example'), type: 'required' },
      { ...rcpt('bob@contoso.example'), type: 'required' },
      { ...rcpt('pat@northwind.example', 'Pat Buyer'), type: 'optional' },
      { ...rcpt('room-1@contoso.example', 'Room 1'), type: 'resource' },
    ],
    webLink: 'https://outlook.office365.com/owa/?itemid=AAMkE-1',
    ...over,
  };
}

describe('mapGraphMessage', () => {
  it('maps a mail sent by the mailbox: roles per recipient, tenant users linked, external addresses kept', () => {
    const e = mapGraphMessage(message(), context);
    expect(ActivityEventSchema.safeParse(e).success).toBe(true);
    expect(e).toMatchObject({
      id: 'outlook:u-ada:message:<m1@contoso.example>',
      source: 'outlook',
      type: 'outlook.message.sent',
      occurredAt: '2026-03-02T09:15:00.000Z',
      actor: { email: 'ada@contoso.example', graphId: 'u-ada', name: 'Ada Lovelace' },
      conversationId: 'outlook:conv-1',
      subject: 'Q3 numbers',
      url: 'https://outlook.office365.com/owa/?ItemID=AAMk-1',
      audience: null,
    });
    expect(e?.targets).toEqual([
      { email: 'bob@contoso.example', graphId: 'u-bob', name: 'Bob Marley', role: 'to' },
      { email: 'pat@northwind.example', name: 'Pat Buyer', role: 'cc' },
      { email: 'cy@contoso.example', graphId: 'u-cy', name: 'Cy Twombly', role: 'bcc' },
    ]);
  });

  it('takes the text from bodyPreview only, never from a body', () => {
    const withBody = {
      ...message(),
      body: { contentType: 'html', content: '<p>The whole confidential body</p>' },
    };
    const e = mapGraphMessage(withBody as GraphMessage, context);
    expect(e?.text).toBe('Here are the Q3 numbers you asked for.');
    expect(JSON.stringify(e)).not.toContain('confidential');
    expect(mapGraphMessage(message({ bodyPreview: null }), context)?.text).toBeNull();
  });

  it('lists each address once and never the sender', () => {
    const e = mapGraphMessage(
      message({
        toRecipients: [rcpt('BOB@contoso.example'), rcpt('ada@contoso.example')],
        ccRecipients: [rcpt('bob@contoso.example')],
        bccRecipients: [],
      }),
      context,
    );
    expect(e?.targets.map((t) => [t.email, t.role])).toEqual([['bob@contoso.example', 'to']]);
  });

  it('makes a mail to a distribution list one broadcast audience', () => {
    const e = mapGraphMessage(
      message({
        toRecipients: [rcpt('Sales@contoso.example', 'Sales')],
        ccRecipients: [],
        bccRecipients: [],
      }),
      context,
    );
    expect(e?.audience).toEqual({ kind: 'distribution-list', id: 'sales@contoso.example', size: 10 });
    expect(e?.attributes).toMatchObject({ audienceSizeKnown: false, distributionLists: 1 });
  });

  it('makes more than 10 recipients one broadcast audience, and 10 not', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => rcpt(`p${i}@contoso.example`));
    const eleven = mapGraphMessage(
      message({ toRecipients: many(8), ccRecipients: many(11).slice(8) }),
      context,
    );
    expect(eleven?.audience).toEqual({ kind: 'recipients', id: null, size: 12 }); // + cy in bcc
    const ten = mapGraphMessage(
      message({ toRecipients: many(10), ccRecipients: [], bccRecipients: [] }),
      context,
    );
    expect(ten?.audience).toBeNull();
    expect(ten?.targets).toHaveLength(10);
  });

  it('skips mail the mailbox did not send itself, drafts and removals', () => {
    expect(mapGraphMessage(message({ sender: rcpt('bob@contoso.example') }), context)).toBeNull();
    expect(mapGraphMessage(message({ isDraft: true }), context)).toBeNull();
    expect(mapGraphMessage({ id: 'AAMk-1', '@removed': { reason: 'deleted' } }, context)).toBeNull();
  });
});

describe('mapGraphEvent', () => {
  it('maps a meeting the mailbox organised: attendees as targets, not rooms, not the organiser', () => {
    const e = mapGraphEvent(meeting(), context);
    expect(ActivityEventSchema.safeParse(e).success).toBe(true);
    expect(e).toMatchObject({
      id: 'outlook:u-ada:event:AAMkE-1',
      type: 'outlook.event.organized',
      occurredAt: '2026-03-01T08:00:00.000Z',
      actor: { email: 'ada@contoso.example', graphId: 'u-ada' },
      conversationId: 'outlook:meeting:ical-1',
      text: 'Let us go through the budget.',
      audience: null,
      attributes: { attendees: 2, start: '2026-03-05T10:00:00.000Z' },
    });
    expect(e?.targets).toEqual([
      { email: 'bob@contoso.example', graphId: 'u-bob', name: 'Bob Marley', role: 'attendee' },
      { email: 'pat@northwind.example', name: 'Pat Buyer', role: 'attendee' },
    ]);
  });

  it('emits nothing where the mailbox is only an attendee, or the meeting is cancelled', () => {
    expect(mapGraphEvent(meeting({ isOrganizer: false }), context)).toBeNull();
    expect(mapGraphEvent(meeting({ isOrganizer: null }), context)).toBeNull();
    expect(mapGraphEvent(meeting({ isCancelled: true }), context)).toBeNull();
  });

  it('gives every occurrence of a series the series id, and a large meeting one audience', () => {
    const a = mapGraphEvent(
      meeting({ id: 'occ-1', type: 'occurrence', seriesMasterId: 'series-1' }),
      context,
    );
    const b = mapGraphEvent(
      meeting({ id: 'occ-2', type: 'occurrence', seriesMasterId: 'series-1' }),
      context,
    );
    expect(a?.id).toBe('outlook:u-ada:event:series-1');
    expect(b?.id).toBe(a?.id);
    expect(a?.attributes.recurring).toBe(true);
    const crowd = Array.from({ length: 11 }, (_, i) => ({
      ...rcpt(`p${i}@contoso.example`),
      type: 'required',
    }));
    expect(mapGraphEvent(meeting({ attendees: crowd }), context)?.audience).toEqual({
      kind: 'meeting',
      id: null,
      size: 11,
    });
  });
});
