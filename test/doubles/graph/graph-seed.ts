import { readFileSync } from 'node:fs';

/** A recipient as Graph writes it (`emailAddress` with `name` and `address`). */
export interface GraphRecipient {
  emailAddress: { name?: string | null; address: string };
}

/** A tenant user as the seed holds it (`managerId` = the Entra ID manager relation). */
export interface GraphSeedUser {
  id: string;
  displayName: string;
  mail: string | null;
  userPrincipalName: string;
  jobTitle: string | null;
  department?: string | null;
  officeLocation?: string | null;
  managerId: string | null;
}

/** A mail-enabled group (distribution list) of the tenant. */
export interface GraphSeedGroup {
  id: string;
  displayName: string;
  mail: string;
  mailEnabled: boolean;
  securityEnabled: boolean;
  groupTypes: string[];
}

/** A message in a mailbox's Sent Items, in Graph's message shape. */
export interface GraphSeedMessage {
  '@odata.type'?: string;
  id: string;
  createdDateTime: string;
  sentDateTime: string;
  internetMessageId: string;
  subject: string | null;
  bodyPreview: string;
  conversationId: string;
  webLink: string;
  isDraft?: boolean;
  sender: GraphRecipient;
  from: GraphRecipient;
  toRecipients: GraphRecipient[];
  ccRecipients: GraphRecipient[];
  bccRecipients: GraphRecipient[];
}

/** A calendar event in Graph's event shape (as the organiser's calendar holds it). */
export interface GraphSeedEvent {
  id: string;
  iCalUId: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  subject: string | null;
  bodyPreview: string;
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  isCancelled: boolean;
  type: string;
  seriesMasterId: string | null;
  organizer: GraphRecipient;
  attendees: (GraphRecipient & { type: string; status: { response: string; time: string } })[];
  webLink: string;
}

/** The app registration the token endpoint accepts. */
export interface GraphSeedApp {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

/** Everything the Graph double serves. */
export interface GraphSeed {
  app: GraphSeedApp;
  users: GraphSeedUser[];
  groups: GraphSeedGroup[];
  /** Mailbox (user id) → its Sent Items. */
  sentItems: Record<string, GraphSeedMessage[]>;
  /** Mailbox (user id) → its events (organised or attended; `isOrganizer` is derived per mailbox). */
  events: Record<string, GraphSeedEvent[]>;
}

/** The demo tenant of the recording. */
export const GRAPH_SEED_TENANT = 'M365x214355.onmicrosoft.com';
/** The app registration of the seed (client credentials the double accepts). */
export const GRAPH_SEED_APP: GraphSeedApp = {
  tenantId: '11111111-2222-3333-4444-555555555555',
  clientId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  clientSecret: 'double-secret~Q8f.0PvXkz_test',
};

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);

interface SyntheticFile {
  departments: Record<string, string>;
  groups: GraphSeedGroup[];
  messages: (Omit<GraphSeedMessage, 'conversationId'> & {
    conversationId: string | null;
    replyToSubjectOf?: string;
    mailbox?: string;
  })[];
  events: GraphSeedEvent[];
}

/**
 * The default seed: the recorded users (with managers) and messages of Microsoft's M365x214355 demo
 * tenant, plus the documented synthetic supplement (departments, the Sales distribution list, a mail
 * to a client, an all-hands mail, a reply, a mail sent on someone's behalf, meetings). Each message is
 * placed in the Sent Items of its `sender` (or of `mailbox` where the supplement says); each event in
 * the organiser's calendar and in every attendee's (see fixtures/README.md).
 *
 * @example const seed = loadGraphSeed(); seed.users.length // 31
 */
export function loadGraphSeed(): GraphSeed {
  const { users } = JSON.parse(readFileSync(fixture('users.json'), 'utf8')) as { users: GraphSeedUser[] };
  const { messages } = JSON.parse(readFileSync(fixture('messages.json'), 'utf8')) as {
    messages: GraphSeedMessage[];
  };
  const synthetic = JSON.parse(readFileSync(fixture('synthetic.json'), 'utf8')) as SyntheticFile;
  const byMail = new Map(users.map((u) => [(u.mail ?? u.userPrincipalName).toLowerCase(), u]));
  const seedUsers = users.map((u) => ({
    ...u,
    department: synthetic.departments[u.mail ?? u.userPrincipalName] ?? null,
  }));
  const sentItems: Record<string, GraphSeedMessage[]> = {};
  const place = (mailbox: string, m: GraphSeedMessage) => {
    const user = byMail.get(mailbox.toLowerCase());
    if (!user) throw new Error(`graph seed: no mailbox ${mailbox} for message ${m.id}`);
    sentItems[user.id] = [...(sentItems[user.id] ?? []), m];
  };
  for (const m of messages) place(m.sender.emailAddress.address, m);
  for (const { replyToSubjectOf, mailbox, ...m } of synthetic.messages) {
    let conversationId = m.conversationId;
    if (replyToSubjectOf) {
      conversationId = messages.find((x) => x.subject === replyToSubjectOf)?.conversationId ?? null;
    }
    if (!conversationId) throw new Error(`graph seed: message ${m.id} has no conversation`);
    place(mailbox ?? m.sender.emailAddress.address, { ...m, conversationId });
  }
  const events: Record<string, GraphSeedEvent[]> = {};
  for (const e of synthetic.events) {
    const mailboxes = [e.organizer, ...e.attendees].map((r) =>
      byMail.get(r.emailAddress.address.toLowerCase()),
    );
    for (const user of new Set(mailboxes)) {
      if (!user) continue;
      const own = user.mail?.toLowerCase() === e.organizer.emailAddress.address.toLowerCase();
      // Each calendar holds its own copy, with its own id (as in Exchange); iCalUId is shared.
      events[user.id] = [
        ...(events[user.id] ?? []),
        own ? e : { ...e, id: `${e.id}-${user.id.slice(0, 8)}` },
      ];
    }
  }
  return {
    app: GRAPH_SEED_APP,
    users: seedUsers,
    groups: synthetic.groups,
    sentItems,
    events,
  };
}
