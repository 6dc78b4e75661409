import { PushpullError } from '@pushpull/core';
import type { Connector } from '../kit/connector';
import { type OutlookClock, systemOutlookClock } from './outlook-clock';
import { OutlookSync } from './outlook-sync';

/** Configuration of the Outlook connector (`config.sources.graph` plus test and tuning hooks). */
export interface OutlookConnectorConfig {
  tenantId: string;
  clientId: string;
  /** GRAPH_CLIENT_SECRET. Never logged, never in an error. */
  clientSecret: string;
  /** GRAPH_API_URL, default `https://graph.microsoft.com/v1.0`. */
  apiUrl: string;
  /** GRAPH_AUTHORITY_HOST, default `https://login.microsoftonline.com`. */
  authorityHost: string;
  /** GRAPH_USERS: mailboxes (ids or addresses) to sync; empty = every user with a mailbox. */
  users: readonly string[];
  /** Time and sleeping; tests pass one that does not wait. */
  clock?: OutlookClock;
  /** An extra CA certificate (PEM) to trust: for a test double in process. */
  ca?: string;
  /** Requests one mailbox may have in flight (Graph: 4). Default 4. */
  perMailbox?: number;
  /** How far ahead the calendar window of a first sync reaches, in days. Default 180. */
  calendarDaysAhead?: number;
}

/**
 * The Outlook (Microsoft Graph) source connector, app-only: refreshes the org chart from the
 * directory's manager relations, then collects the mail each mailbox sent (`outlook.message.sent`)
 * and the meetings it organised (`outlook.event.organized`) with delta queries, incrementally.
 * See README.md next to this file.
 *
 * @example
 * const connector = createOutlookConnector({ tenantId, clientId, clientSecret, apiUrl, authorityHost, users: [] });
 * const summary = await runSync({ connector, store, sink });
 */
export function createOutlookConnector(config: OutlookConnectorConfig): Connector {
  for (const [variable, value] of [
    ['GRAPH_TENANT_ID', config.tenantId],
    ['GRAPH_CLIENT_ID', config.clientId],
    ['GRAPH_CLIENT_SECRET', config.clientSecret],
  ] as const) {
    if (!value.trim()) throw new PushpullError('CONFIG_INVALID', `${variable}: is empty`, { variable });
  }
  for (const [variable, value] of [
    ['GRAPH_API_URL', config.apiUrl],
    ['GRAPH_AUTHORITY_HOST', config.authorityHost],
  ] as const) {
    let ok = false;
    try {
      ok = new URL(value).protocol === 'https:';
    } catch {
      ok = false;
    }
    if (!ok) throw new PushpullError('CONFIG_INVALID', `${variable}: must be an https:// URL`, { variable });
  }
  const perMailbox = Math.min(4, Math.max(1, config.perMailbox ?? 4));
  return {
    source: 'outlook',
    sync: (ctx) =>
      new OutlookSync(
        {
          tenantId: config.tenantId.trim(),
          clientId: config.clientId.trim(),
          clientSecret: config.clientSecret,
          apiUrl: config.apiUrl,
          authorityHost: config.authorityHost,
          users: config.users,
          clock: config.clock ?? systemOutlookClock,
          ca: config.ca,
          perMailbox,
          calendarDaysAhead: config.calendarDaysAhead ?? 180,
        },
        ctx,
      ).run(),
  };
}
