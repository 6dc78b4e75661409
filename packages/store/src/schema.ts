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
  /** For a responsive push: the event id of the pull it answered, when the classifier knows it (0002). */
  responds_to: ColumnType<string | null, string | null | undefined, string | null>;
  /**
   * The distinct directions the fact counts under in the rollups (sorted; 'broadcast' for a broadcast
   * edge, `{none}` without edges), derived from its edges by the rollup rule and written with them
   * (0011). Null when a writer other than this package's stored the fact: the rule then derives them
   * from edge_fact.
   */
  rollup_directions: ColumnType<string[] | null, string[] | null | undefined, string[] | null>;
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
  /** 'pull', or 'directive' for a push that asked its targets to act (0003). */
  kind: Generated<'pull' | 'directive'>;
}

/** The classifier's conversation trails (0012): one row per conversation, no text. */
export interface ConversationTrailTable {
  conversation_id: string;
  trail: Json<StoredTrailState>;
  before: ColumnType<StoredTrailState | null, string | null, string | null>;
  partition: number;
  /** bigint: read back as a string. */
  first_offset: ColumnType<string, string | bigint, string | bigint>;
  last_offset: ColumnType<string, string | bigint, string | bigint>;
  person_keys: string[];
  last_at: Timestamp;
}

/** A conversation trail as stored: structurally the classifier's `ConversationTrail`. */
export interface StoredTrailState {
  events: number;
  openerKey: string;
  authorKeys: string[];
  lastEventId: string;
  lastAuthorKey: string;
  lastMode: 'push' | 'pull' | 'neutral';
  lastAsked: boolean;
}

/** Identities whose accounts point to different people (0003), listed for an admin. */
export interface IdentityConflictTable {
  identity_key: string;
  identity: Json<Record<string, string | number>>;
  person_ids: Json<string[]>;
  events: number;
  first_seen: Timestamp;
  last_seen: Timestamp;
}

/** Connector cursors per source and scope. */
export interface SyncCursorTable {
  source: string;
  scope: string;
  cursor: string;
  updated_at: Timestamp;
}

/** Minimum volume, band targets (0002) and maximum interval width (0004) the analytics views use; keys in metric-settings.ts. */
export interface MetricSettingTable {
  key: string;
  value: number;
}

/** `analytics.person` (docs/contracts.md §11): the org chart as of today. */
export interface AnalyticsPersonView {
  person_id: string;
  name: string | null;
  email: string;
  manager_person_id: string | null;
  title: string | null;
  department: string | null;
  is_leader: boolean;
  direct_reports: number;
}

/** Counts of one person × period × direction (and source, in `balance_by_source`). */
interface AnalyticsCounts {
  person_id: string;
  period_kind: string; // week | month | quarter
  period_start: string; // ISO date
  direction: string;
  push: number;
  pull: number;
  neutral: number;
  proactive_push: number;
  responsive_push: number;
}

/**
 * The push share of a row: raw (as labelled, null below the minimum volume) and corrected for the
 * classifier's confusion with its 90% interval (0004; null when not rated: below the minimum volume
 * or an interval wider than `max_interval_width`).
 */
interface AnalyticsPushShare {
  push_share: number | null;
  push_share_corrected: number | null;
  push_share_low: number | null;
  push_share_high: number | null;
}

/** `analytics.balance` (docs/contracts.md §11): person × period × direction. */
export interface AnalyticsBalanceView extends AnalyticsCounts, AnalyticsPushShare {}

/** `analytics.balance_by_source`: person × period × direction × source (the share of that source alone). */
export interface AnalyticsBalanceBySourceView extends AnalyticsCounts, AnalyticsPushShare {
  source: string;
}

/** `analytics.leader_profile` (docs/contracts.md §11): leader × period. */
export interface AnalyticsLeaderProfileView {
  person_id: string;
  period_kind: string;
  period_start: string;
  upward_proactivity: number | null;
  downward_pull_share: number | null;
  external_pull_share: number | null;
  push_only: boolean;
  team_upward_proactivity: number | null;
  band_up: string;
  band_down: string;
  band_peer: string;
  band_external: string;
  // 0004: corrected figures with 90% intervals; null when not rated. Bands are decided on the intervals.
  upward_proactivity_corrected: number | null;
  upward_proactivity_low: number | null;
  upward_proactivity_high: number | null;
  downward_pull_share_corrected: number | null;
  downward_pull_share_low: number | null;
  downward_pull_share_high: number | null;
  external_pull_share_corrected: number | null;
  external_pull_share_low: number | null;
  external_pull_share_high: number | null;
  team_upward_proactivity_corrected: number | null;
  team_upward_proactivity_low: number | null;
  team_upward_proactivity_high: number | null;
  push_only_corrected: boolean;
}

/** `analytics.manager_pulls`: pulls a person received from their manager, and how fast they answered. */
export interface AnalyticsManagerPullsView {
  person_id: string;
  period_kind: string;
  period_start: string;
  pulls_received: number;
  answered: number;
  answered_share: number | null;
  median_response_hours: number | null;
}

/**
 * Each event source's correction of the classifier's labels, per classifier version (0004): what
 * `labelCorrection` of @pushpull/metrics makes of the classifier's published confusion. `kind` is
 * `mode` (labels push, pull, neutral) or `initiative` (responsive, proactive); `inverse` is k × k,
 * `covariance` k² × k². The setting `label_correction.version` names the version the views use.
 */
export interface LabelCorrectionTable {
  classifier_version: string;
  source: string;
  kind: string;
  labels: Json<string[]>;
  inverse: Json<number[][]>;
  covariance: Json<number[][]>;
  items: number;
  updated_at: Generated<Timestamp>;
}

/** The accounts of erased people as keyed hashes (0007): events involving one are dropped at the connector. */
export interface SuppressionTable {
  /** HMAC-SHA256 (installation key) of the account's normalised key, e.g. of `email:lea@acme.io`. */
  account_hash: string;
  /** The keyed hash of the erased address: the same for every account of one erasure. */
  subject_hash: string;
  at: ColumnType<Date, Date | string | undefined, Date | string>;
  reason: string;
}

/**
 * Who did what when (0007): erasures, retention runs, dashboard views of named people. No names, addresses
 * or text: hashes, counts, routes and periods.
 */
export interface AuditLogTable {
  id: Generated<number>;
  at: ColumnType<Date, Date | string | undefined, Date | string>;
  actor: string;
  action: string;
  subject_hash: string | null;
  detail: Json<Record<string, unknown>>;
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
  identity_conflict: IdentityConflictTable;
  conversation_trail: ConversationTrailTable;
  metric_setting: MetricSettingTable;
  label_correction: LabelCorrectionTable;
  suppression: SuppressionTable;
  audit_log: AuditLogTable;
  'analytics.setting': MetricSettingTable;
  'analytics.person': AnalyticsPersonView;
  'analytics.balance': AnalyticsBalanceView;
  'analytics.balance_by_source': AnalyticsBalanceBySourceView;
  'analytics.leader_profile': AnalyticsLeaderProfileView;
  'analytics.manager_pulls': AnalyticsManagerPullsView;
}
