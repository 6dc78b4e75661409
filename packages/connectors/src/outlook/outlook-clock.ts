import { type ConnectorClock, systemConnectorClock } from '../kit/connector-clock';

/** Time as the Outlook connector sees it (the kit's ConnectorClock); tests inject one whose `sleep` does not wait. */
export type OutlookClock = ConnectorClock;

/**
 * The real clock: `Date.now()` and the kit's abortable timer.
 *
 * @example createOutlookConnector({ ...config, clock: systemOutlookClock });
 */
export const systemOutlookClock: OutlookClock = systemConnectorClock;
