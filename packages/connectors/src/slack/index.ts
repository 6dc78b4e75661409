export { migrateChannelCursorV1, SLACK_HISTORY_STREAM } from './channel-cursor';
export { isChannelLevelSlackError, mapSlackError, SLACK_ERROR_CODES } from './map-slack-error';
export {
  mapSlackMessage,
  type SlackChannelInfo,
  type SlackChannelType,
  type SlackMappingContext,
  type SlackThreadInfo,
  type SlackUserInfo,
  slackConversationId,
  slackMentions,
  slackMessageEventId,
  slackPermalink,
} from './map-slack-message';
export { SlackApiClient, type SlackApiClientOptions, type SlackRateTier } from './slack-api-client';
export { type SlackClock, systemSlackClock } from './slack-clock';
export { createSlackConnector, type SlackConnectorConfig } from './slack-connector';
export { SLACKBOT_ID, type SlackMessageKind, slackAuthorId, slackMessageKind } from './slack-message-kind';
export type { SlackConversation, SlackMessage, SlackUser } from './slack-schemas';
export { compareSlackTs, dateToSlackTs, slackTsToIso } from './slack-ts';
