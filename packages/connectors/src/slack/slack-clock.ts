import { type ConnectorClock, systemConnectorClock } from '../kit/connector-clock';

/**
 * Time as the Slack connector sees it (the kit's ConnectorClock). Injected so tests can run a sync
 * that must wait a minute between requests on a virtual clock (the Slack double's) instead of a real one.
 */
export type SlackClock = ConnectorClock;

/**
 * The real clock: `Date.now()` and the kit's abortable timer.
 *
 * @example const connector = createSlackConnector({ ...config, clock: systemSlackClock });
 */
export const systemSlackClock: SlackClock = systemConnectorClock;
