/** The data a Slack double serves: one workspace (team), its people, conversations, messages and tokens. */
export interface SlackSeed {
  team: { id: string; name: string; domain: string };
  /** Slack user objects as `users.list` returns them (`profile.email` only when the token may see it). */
  users: SlackSeedUser[];
  conversations: SlackSeedConversation[];
  /** Messages per conversation id, thread replies included (a reply has `thread_ts` ≠ `ts`). */
  messages: Record<string, SlackSeedMessage[]>;
  tokens: SlackSeedToken[];
}

export interface SlackSeedUser {
  id: string;
  team_id?: string;
  name?: string;
  deleted?: boolean;
  real_name?: string;
  is_bot?: boolean;
  profile?: { email?: string; real_name?: string; display_name?: string; [key: string]: unknown };
  [key: string]: unknown;
}

export interface SlackSeedConversation {
  id: string;
  name?: string;
  created?: number;
  creator?: string;
  is_channel?: boolean;
  is_private?: boolean;
  is_im?: boolean;
  is_mpim?: boolean;
  is_archived?: boolean;
  is_general?: boolean;
  /** For an IM: the other party, as Slack reports it to the token's user. */
  user?: string;
  members: string[];
  topic?: { value: string; creator: string; last_set: number };
  purpose?: { value: string; creator: string; last_set: number };
}

export interface SlackSeedMessage {
  type: string;
  ts: string;
  user?: string;
  text?: string;
  subtype?: string;
  thread_ts?: string;
  bot_id?: string | null;
  [key: string]: unknown;
}

/** A token the double accepts: whose it is (a person's user token or a bot's) and its OAuth scopes. */
export interface SlackSeedToken {
  token: string;
  userId: string;
  /** Set for a bot token. */
  botId?: string;
  scopes: string[];
}
