export {
  credentialError,
  GRAPH_BATCH_LIMIT,
  GRAPH_ERROR_CODES,
  GraphClient,
  type GraphClientOptions,
} from './graph-client';
export type { GraphEvent, GraphGroup, GraphMessage, GraphRecipient, GraphUser } from './graph-schemas';
export {
  mapGraphEvent,
  mapGraphMessage,
  OUTLOOK_BROADCAST_THRESHOLD,
  type OutlookMappingContext,
  type OutlookPerson,
  outlookMeetingEventId,
  outlookMessageEventId,
} from './map-graph-items';
export { type OutlookClock, systemOutlookClock } from './outlook-clock';
export { createOutlookConnector, type OutlookConnectorConfig } from './outlook-connector';
export { SENT_ITEMS_SELECT } from './outlook-sync';
