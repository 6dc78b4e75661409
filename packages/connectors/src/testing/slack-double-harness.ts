import {
  SEED_USER_TOKEN,
  type SlackDouble,
  type SlackDoubleOptions,
  startSlackDouble,
} from '@pushpull/api-doubles/slack';
import { afterEach } from 'vitest';
import type { Connector } from '../kit/connector';
import { createSlackConnector, type SlackConnectorConfig } from '../slack/slack-connector';
import { createTestSyncRun, type TestSyncRun } from './test-sync-context';

/** Where the Slack connector tests sync from: before the seeded export's first message. */
export const SLACK_SINCE = new Date('2016-01-01T00:00:00Z');

/**
 * Test helper: a Slack connector reading `double` with the seed's user token on the double's
 * (virtual) clock, every channel the token is in unless `overrides` says otherwise.
 *
 * @example const connector = slackConnectorFor(slack, { channels: ['enrique'] });
 */
export function slackConnectorFor(
  double: SlackDouble,
  overrides: Partial<SlackConnectorConfig> = {},
): Connector {
  return createSlackConnector({
    token: SEED_USER_TOKEN,
    apiUrl: double.url,
    channels: [],
    clock: double.clock,
    ...overrides,
  });
}

/**
 * Test helper: a fresh test sync run on the double's clock from `SLACK_SINCE`, with no cursors.
 *
 * @example const summary = await connector.sync(slackSyncRun(slack).ctx);
 */
export function slackSyncRun(double: SlackDouble): TestSyncRun {
  return createTestSyncRun({ clock: double.clock, since: SLACK_SINCE, cursors: new Map() });
}

/**
 * Test helper: the ids of the events one sync of `channels` collects from a standard-tier double of
 * the default seed (started and closed here), to compare a slower or interrupted sync against.
 *
 * @example const expected = await standardSlackEventIds(['enrique']);
 */
export async function standardSlackEventIds(channels: readonly string[]): Promise<Set<string>> {
  const standard = await startSlackDouble();
  try {
    const run = slackSyncRun(standard);
    await slackConnectorFor(standard, { channels }).sync(run.ctx);
    return new Set(run.events.map((e) => e.id));
  } finally {
    await standard.close();
  }
}

/**
 * Test helper: registers in the calling `describe` an afterEach that closes the Slack double the test
 * started with the returned function (if it started one).
 *
 * @example const startSlack = slackDoublePerTest(); it('…', async () => { const slack = await startSlack({ tier: 'non-marketplace' }); });
 */
export function slackDoublePerTest(): (options?: SlackDoubleOptions) => Promise<SlackDouble> {
  let current: SlackDouble | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async (options) => {
    current = await startSlackDouble(options);
    return current;
  };
}
