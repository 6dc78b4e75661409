import { PushpullError } from '@pushpull/core';
import type { Connector } from '../kit/connector';
import type { SlackRateTier } from './slack-api-client';
import { type SlackClock, systemSlackClock } from './slack-clock';
import { SlackSync } from './slack-sync';

/** Configuration of the Slack connector (`config.sources.slack` plus test and tuning hooks). */
export interface SlackConnectorConfig {
  /** A bot (`xoxb-`) or user (`xoxp-`) token: SLACK_TOKEN. Never logged. */
  token: string;
  /** SLACK_API_URL, e.g. `https://slack.com/api/`. */
  apiUrl: string;
  /** SLACK_CHANNELS: names (with or without `#`) or ids; empty = every conversation the token is in. */
  channels: readonly string[];
  /** Time and sleeping; tests pass a virtual clock. Default: the real clock. */
  clock?: SlackClock;
  /**
   * The rate tier of conversations.history/replies: `auto` (default) detects it from Slack's
   * answers; `non-marketplace` starts at 1 request per minute and 15 messages per page.
   */
  tier?: 'auto' | SlackRateTier;
  /**
   * Threads whose parent is at most this many days old are re-read each run for new replies
   * (Slack's history does not surface a new reply to an old thread). Default 7.
   */
  threadWatchDays?: number;
}

/**
 * The Slack source connector: collects human messages, file shares, thread replies and thread
 * broadcasts of the public and private channels the token's user is in (and its IMs and MPIMs where
 * the scopes allow), and maps them to `slack.message.posted` events (see `mapSlackMessage`).
 * Incremental per conversation (cursor = newest ts collected), resumable mid-backfill, 429-aware and
 * able to run within Slack's non-Marketplace limits. See README.md next to this file.
 *
 * @example
 * const connector = createSlackConnector({ token, apiUrl: 'https://slack.com/api/', channels: [] });
 * const summary = await connector.sync(ctx); // { events, requests, scopes, skipped }
 */
export function createSlackConnector(config: SlackConnectorConfig): Connector {
  if (!config.token.trim()) {
    throw new PushpullError('CONFIG_INVALID', 'SLACK_TOKEN: is empty', { variable: 'SLACK_TOKEN' });
  }
  const threadWatchDays = config.threadWatchDays ?? 7;
  if (!(threadWatchDays >= 0)) {
    throw new PushpullError('CONFIG_INVALID', 'Slack connector: threadWatchDays must be 0 or more', {});
  }
  return {
    source: 'slack',
    sync: (ctx) =>
      new SlackSync(
        {
          token: config.token.trim(),
          apiUrl: config.apiUrl,
          channels: config.channels,
          clock: config.clock ?? systemSlackClock,
          tier: config.tier ?? 'auto',
          threadWatchDays,
        },
        ctx,
      ).run(),
  };
}
