import { readFileSync } from 'node:fs';
import type {
  SlackSeed,
  SlackSeedConversation,
  SlackSeedMessage,
  SlackSeedToken,
  SlackSeedUser,
} from './slack-seed';

const FIXTURES = new URL('./fixtures/', import.meta.url);

function readJson<T>(relative: string): T {
  return JSON.parse(readFileSync(new URL(relative, FIXTURES), 'utf8')) as T;
}

interface ExportChannel {
  id: string;
  name: string;
  created: string | number;
  creator: string;
  is_archived?: boolean;
  is_general?: boolean;
  members: string[];
  topic?: { value: string; creator: string; last_set: string | number };
  purpose?: { value: string; creator: string; last_set: string | number };
}

interface SyntheticFixture {
  team: SlackSeed['team'];
  userEmails: Record<string, string>;
  users: SlackSeedUser[];
  extraMembers: Record<string, string[]>;
  conversations: SlackSeedConversation[];
  messages: Record<string, SlackSeedMessage[]>;
  tokens: SlackSeedToken[];
}

/** The user token of the seeded workspace (a person, U0BMQB6JE "hamza", with every read scope). */
export const SEED_USER_TOKEN = 'xoxp-0000000001-pushpull-test-user-token';
/** The bot token of the seeded workspace (U0PUSHBOT, member of #enrique only, no im/mpim scopes). */
export const SEED_BOT_TOKEN = 'xoxb-0000000002-pushpull-test-bot-token';

/**
 * The seeded workspace: the real Slack export under `fixtures/export/` (two public channels, four
 * people, 158 messages of 2016) plus `fixtures/synthetic.json` (threads, a deleted thread parent, a
 * private channel, an IM, an MPIM, a channel the token's user is not in, a bot user, emails, tokens),
 * which the export lacks. See fixtures/README.md. Returns a fresh deep copy on every call.
 *
 * @example
 * const double = await startSlackDouble({ seed: loadSlackExportSeed() });
 */
export function loadSlackExportSeed(): SlackSeed {
  const synthetic = readJson<SyntheticFixture>('synthetic.json');
  const exportUsers = readJson<SlackSeedUser[]>('export/users.json');
  const exportChannels = readJson<ExportChannel[]>('export/channels.json');

  const users = [...exportUsers, ...synthetic.users].map((u) => {
    const email = synthetic.userEmails[u.id];
    return email ? { ...u, profile: { ...u.profile, email } } : u;
  });

  const conversations: SlackSeedConversation[] = exportChannels.map((c) => ({
    id: c.id,
    name: c.name,
    created: Number(c.created),
    creator: c.creator,
    is_channel: true,
    is_private: false,
    is_archived: c.is_archived ?? false,
    is_general: c.is_general ?? false,
    members: [...c.members, ...(synthetic.extraMembers[c.id] ?? [])],
    ...(c.topic ? { topic: { ...c.topic, last_set: Number(c.topic.last_set) } } : {}),
    ...(c.purpose ? { purpose: { ...c.purpose, last_set: Number(c.purpose.last_set) } } : {}),
  }));
  conversations.push(...synthetic.conversations);

  const messages: Record<string, SlackSeedMessage[]> = {};
  for (const c of exportChannels) {
    messages[c.id] = readJson<SlackSeedMessage[]>(`export/${c.name}.json`);
  }
  for (const [channel, list] of Object.entries(synthetic.messages)) {
    messages[channel] = [...(messages[channel] ?? []), ...list];
  }

  return structuredClone({ team: synthetic.team, users, conversations, messages, tokens: synthetic.tokens });
}
