import type { ColumnType, Generated } from 'kysely';

/**
 * The database as Kysely sees it. Migrations (./migrations) are the source of truth for the SQL;
 * this file mirrors them. No table holds message text.
 */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

/**
 * One row per person per `valid_from` (effective-dated org chart). Emails are stored trimmed and
 * lower-cased; `person_id` = 'p:' + email.
 */
export interface OrgPersonTable {
  email: string;
  valid_from: ColumnType<string, string, string>; // ISO date; '0001-01-01' stands for "always"
  person_id: string;
  name: string | null;
  manager_email: string | null;
  title: string | null;
  department: string | null;
  github_login: string | null;
  slack_id: string | null;
}

/** Tool accounts joined to people, with provenance (how the match was made). */
export interface AccountTable {
  kind: string; // email | github_login | github_id | slack_id | graph_id
  value: string;
  person_id: string;
  provenance: string; // org-csv | same-email | manual
}

/** One row per labeled event (idempotency key = event_id). No text. */
export interface LabeledFactTable {
  event_id: string;
  occurred_at: Timestamp;
  source: string;
  type: string | null;
  actor_person_id: string | null;
  mode: string;
  initiative: string | null;
  confidence: number;
  reasons: Json<string[]>;
  classifier_version: string;
  url: string | null;
  inserted_at: Generated<Timestamp>;
}

/** One row per edge of a labeled event. */
export interface EdgeFactTable {
  event_id: string;
  edge_index: number;
  target_person_id: string | null;
  direction: string;
  distance: number | null;
  broadcast: boolean;
  audience_size: number | null;
}

/**
 * Counts per person × day × direction × mode × initiative × source. An event counts once per
 * distinct direction of its edges. `initiative` is '' when mode is not push (part of the key).
 */
export interface RollupDailyTable {
  person_id: string;
  day: ColumnType<string, string, string>; // ISO date (UTC)
  direction: string;
  mode: string;
  initiative: string;
  source: string;
  events: number;
}

/** Offsets consumed by a transactional consumer, written in the same transaction as its output. */
export interface ConsumerOffsetTable {
  group_id: string;
  topic: string;
  partition: number;
  next_offset: string;
  updated_at: Timestamp;
}

/** Dashboard users. Passwords are scrypt hashes. */
export interface AppUserTable {
  username: string;
  password_hash: string;
  role: string; // admin | analyst | leader
  person_id: string | null;
  created_at: Generated<Timestamp>;
}

/** Small key-value settings (e.g. whether the first admin was created). */
export interface SettingTable {
  key: string;
  value: string;
}

/** Conversation state for responsiveness: who pulled whom in which conversation, and when. */
export interface ConversationPullTable {
  conversation_id: string;
  puller_key: string; // identity key of the author of the pull
  pulled_key: string; // identity key of the addressee; '' when the pull addressed no one
  event_id: string;
  occurred_at: Timestamp;
}

/** Connector cursors per source and scope. */
export interface SyncCursorTable {
  source: string;
  scope: string;
  cursor: string;
  updated_at: Timestamp;
}

export interface DB {
  org_person: OrgPersonTable;
  account: AccountTable;
  labeled_fact: LabeledFactTable;
  edge_fact: EdgeFactTable;
  rollup_daily: RollupDailyTable;
  consumer_offset: ConsumerOffsetTable;
  app_user: AppUserTable;
  setting: SettingTable;
  conversation_pull: ConversationPullTable;
  sync_cursor: SyncCursorTable;
}
