import { PushpullError } from '@pushpull/core';

/** `error` values of Slack that mean the token itself is unusable: the sync stops. */
const AUTH_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'not_allowed_token_type',
  'org_login_required',
  'team_access_not_granted',
]);

/** PushpullError codes the Slack connector throws. */
export const SLACK_ERROR_CODES = {
  auth: 'SLACK_AUTH',
  missingScope: 'SLACK_MISSING_SCOPE',
  notInChannel: 'SLACK_NOT_IN_CHANNEL',
  channelNotFound: 'SLACK_CHANNEL_NOT_FOUND',
  api: 'SLACK_API_ERROR',
  unavailable: 'SLACK_UNAVAILABLE',
  invalidResponse: 'SLACK_RESPONSE_INVALID',
} as const;

/** Error codes after which one channel is skipped while the others are still synced. */
const CHANNEL_LEVEL = new Set<string>([
  SLACK_ERROR_CODES.notInChannel,
  SLACK_ERROR_CODES.channelNotFound,
  SLACK_ERROR_CODES.missingScope,
]);

/** True when `err` concerns one channel only (skip it and go on). */
export function isChannelLevelSlackError(err: unknown): err is PushpullError {
  return err instanceof PushpullError && CHANNEL_LEVEL.has(err.code);
}

/**
 * Turns a Slack `ok: false` answer into one clear PushpullError. Never includes the token: an
 * authentication failure names the SLACK_TOKEN variable, not its value.
 *
 * @example
 * mapSlackError('conversations.list', { error: 'missing_scope', needed: 'im:read' }).message
 * // 'Slack: the token lacks the OAuth scope "im:read" that conversations.list needs: add it to the app and reinstall it'
 */
export function mapSlackError(
  method: string,
  response: { error: string; needed?: string | null | undefined; provided?: string | null | undefined },
): PushpullError {
  const { error } = response;
  const context = { method, error };
  if (AUTH_ERRORS.has(error)) {
    return new PushpullError(
      SLACK_ERROR_CODES.auth,
      `SLACK_TOKEN was rejected by Slack (${error} on ${method}): set SLACK_TOKEN to a valid bot or user token of the workspace`,
      { ...context, variable: 'SLACK_TOKEN' },
    );
  }
  if (error === 'missing_scope') {
    const needed = response.needed || 'unknown';
    return new PushpullError(
      SLACK_ERROR_CODES.missingScope,
      `Slack: the token lacks the OAuth scope "${needed}" that ${method} needs: add it to the app and reinstall it`,
      { ...context, needed, provided: response.provided ?? null },
    );
  }
  if (error === 'not_in_channel') {
    return new PushpullError(
      SLACK_ERROR_CODES.notInChannel,
      `Slack: the app is not a member of this channel (${method}: not_in_channel): invite it with /invite to sync it`,
      context,
    );
  }
  if (error === 'channel_not_found' || error === 'thread_not_found') {
    return new PushpullError(
      SLACK_ERROR_CODES.channelNotFound,
      `Slack: ${method} answered ${error}: the conversation is gone or not visible to this token`,
      context,
    );
  }
  return new PushpullError(SLACK_ERROR_CODES.api, `Slack: ${method} failed with "${error}"`, context);
}
