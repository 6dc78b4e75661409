import { type ActivityEvent, eventId, type Identity, type Target, type TargetRole } from '@pushpull/core';
import type { GraphEvent, GraphMessage, GraphRecipient } from './graph-schemas';

/** Recipient sets above this size are one broadcast (the classifier's default threshold). */
export const OUTLOOK_BROADCAST_THRESHOLD = 10;

/** A tenant user as the mapping needs it. */
export interface OutlookPerson {
  id: string;
  email: string;
  name?: string | undefined;
}

/** Everything the mappers need besides the item. Plain data: the mapping is pure. */
export interface OutlookMappingContext {
  /** The mailbox whose Sent Items or calendar the item comes from. */
  mailbox: OutlookPerson;
  /** Tenant users by lower-cased address (mail and userPrincipalName). */
  people: ReadonlyMap<string, OutlookPerson>;
  /** Mail-enabled groups (distribution lists) by lower-cased address. */
  groups: ReadonlyMap<string, { id: string; name?: string | undefined }>;
}

/** The id of the event of a sent message: `outlook:{mailbox}:message:{internetMessageId or id}`. */
export function outlookMessageEventId(
  mailboxId: string,
  message: Pick<GraphMessage, 'id' | 'internetMessageId'>,
): string {
  return eventId('outlook', mailboxId, 'message', message.internetMessageId || message.id);
}

/** The id of an organised meeting (one per series): `outlook:{mailbox}:event:{seriesMasterId or id}`. */
export function outlookMeetingEventId(
  mailboxId: string,
  event: Pick<GraphEvent, 'id' | 'seriesMasterId'>,
): string {
  return eventId('outlook', mailboxId, 'event', event.seriesMasterId || event.id);
}

/**
 * Maps one message of a mailbox's Sent Items to an `outlook.message.sent` event, or null when the
 * mailbox did not send it itself (`sender` is someone else, e.g. a delegate), it is a draft, or it
 * was removed. Pure.
 *
 * - actor: the mailbox (email, graphId, name); targets: to/cc/bcc recipients with those roles, one
 *   per address, never the sender; tenant users carry their graphId, external recipients keep their
 *   address (and so their domain);
 * - a recipient that is a distribution list (a mail-enabled group), or more than 10 recipients, makes
 *   the mail one broadcast: `audience` = `{ kind: 'distribution-list', id, size }` (size unknown for a
 *   list: at least the threshold) or `{ kind: 'recipients', size }`;
 * - conversationId = `outlook:{conversationId}`; subject; text = the bodyPreview (at most 255
 *   characters, Graph's preview) — never the body; url = webLink.
 *
 * @example mapGraphMessage(message, { mailbox, people, groups })?.type // 'outlook.message.sent'
 */
export function mapGraphMessage(message: GraphMessage, context: OutlookMappingContext): ActivityEvent | null {
  if (message['@removed'] !== undefined || message.isDraft === true) return null;
  const { mailbox } = context;
  const sender = addressOf(message.sender);
  if (!sender || (sender !== mailbox.email.toLowerCase() && context.people.get(sender)?.id !== mailbox.id)) {
    return null;
  }
  const occurredAt = isoOrNull(message.sentDateTime);
  if (!occurredAt) return null;
  const targets: Target[] = [];
  const seen = new Set<string>([sender]);
  const lists: { id: string; name?: string | undefined; address: string }[] = [];
  const add = (recipients: readonly GraphRecipient[] | null | undefined, role: TargetRole) => {
    for (const r of recipients ?? []) {
      const address = addressOf(r);
      if (!address || seen.has(address)) continue;
      seen.add(address);
      const group = context.groups.get(address);
      if (group) lists.push({ ...group, address });
      targets.push({ ...identityOf(address, r.emailAddress?.name, context), role });
    }
  };
  add(message.toRecipients, 'to');
  add(message.ccRecipients, 'cc');
  add(message.bccRecipients, 'bcc');

  const attributes: Record<string, unknown> = { recipients: targets.length };
  let audience: ActivityEvent['audience'] = null;
  if (lists.length > 0) {
    const first = lists[0] as { address: string };
    audience = {
      kind: 'distribution-list',
      id: first.address,
      size: Math.max(OUTLOOK_BROADCAST_THRESHOLD, targets.length),
    };
    attributes.distributionLists = lists.length;
    attributes.audienceSizeKnown = false;
  } else if (targets.length > OUTLOOK_BROADCAST_THRESHOLD) {
    audience = { kind: 'recipients', id: null, size: targets.length };
  }
  return {
    id: outlookMessageEventId(mailbox.id, message),
    source: 'outlook',
    type: 'outlook.message.sent',
    occurredAt,
    actor: actorOf(mailbox),
    targets,
    conversationId: message.conversationId ? `outlook:${message.conversationId}` : null,
    inReplyTo: null,
    subject: message.subject ?? null,
    text: message.bodyPreview ?? null,
    url: message.webLink ?? null,
    audience,
    attributes,
  };
}

/**
 * Maps one event of a mailbox's calendar to an `outlook.event.organized` event, or null when the
 * mailbox is not its organiser (`isOrganizer`), it is cancelled or removed. Pure.
 *
 * - one event per meeting: occurrences of a series share the series master's id;
 * - occurredAt = when it was created (the invitation), else its start; actor = the organiser;
 * - targets: the attendees (role `attendee`), not rooms or equipment (`type: resource`), never the
 *   organiser; more than 10 attendees make it one broadcast (`audience.kind = 'meeting'`);
 * - conversationId = `outlook:meeting:{iCalUId}`; subject; text = bodyPreview; url = webLink;
 *   `attributes.start` = the meeting's start.
 *
 * @example mapGraphEvent(event, { mailbox, people, groups })?.type // 'outlook.event.organized'
 */
export function mapGraphEvent(event: GraphEvent, context: OutlookMappingContext): ActivityEvent | null {
  if (event['@removed'] !== undefined || event.isCancelled === true || event.isOrganizer !== true)
    return null;
  const { mailbox } = context;
  const start = event.start ? isoOrNull(event.start.dateTime) : null;
  const occurredAt = isoOrNull(event.createdDateTime) ?? start;
  if (!occurredAt) return null;
  const targets: Target[] = [];
  const seen = new Set<string>([mailbox.email.toLowerCase()]);
  const organizer = addressOf(event.organizer);
  if (organizer) seen.add(organizer);
  let lists = 0;
  for (const a of event.attendees ?? []) {
    const address = addressOf(a);
    if (!address || seen.has(address) || a.type === 'resource') continue;
    seen.add(address);
    if (context.groups.has(address)) lists += 1;
    targets.push({ ...identityOf(address, a.emailAddress?.name, context), role: 'attendee' });
  }
  const attributes: Record<string, unknown> = { attendees: targets.length };
  if (start) attributes.start = start;
  if (event.type === 'occurrence' || event.type === 'seriesMaster') attributes.recurring = true;
  const audience =
    targets.length > OUTLOOK_BROADCAST_THRESHOLD || lists > 0
      ? {
          kind: 'meeting',
          id: null,
          size: Math.max(targets.length, lists > 0 ? OUTLOOK_BROADCAST_THRESHOLD : 0),
        }
      : null;
  return {
    id: outlookMeetingEventId(mailbox.id, event),
    source: 'outlook',
    type: 'outlook.event.organized',
    occurredAt,
    actor: actorOf(mailbox),
    targets,
    conversationId: event.iCalUId ? `outlook:meeting:${event.iCalUId}` : null,
    inReplyTo: null,
    subject: event.subject ?? null,
    text: event.bodyPreview ?? null,
    url: event.webLink ?? null,
    audience,
    attributes,
  };
}

function actorOf(mailbox: OutlookPerson): Identity {
  return { email: mailbox.email, graphId: mailbox.id, ...(mailbox.name ? { name: mailbox.name } : {}) };
}

function identityOf(
  address: string,
  name: string | null | undefined,
  context: OutlookMappingContext,
): Identity {
  const person = context.people.get(address);
  if (person)
    return { email: person.email, graphId: person.id, ...(person.name ? { name: person.name } : {}) };
  return { email: address, ...(name && name !== address ? { name } : {}) };
}

function addressOf(r: GraphRecipient | null | undefined): string | null {
  const a = r?.emailAddress?.address?.trim().toLowerCase();
  return a?.includes('@') ? a : null;
}

/**
 * An ISO instant from Graph's `…Z` or zone-less `dateTime`. A zone-less time is read as UTC (the
 * connector asks for UTC with `Prefer: outlook.timezone="UTC"`).
 */
function isoOrNull(value: string | null | undefined): string | null {
  if (!value) return null;
  const zoned = /[zZ]$|[+-]\d{2}:\d{2}$/.test(value) ? value : `${value}Z`;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
