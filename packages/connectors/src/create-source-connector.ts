import { PushpullError } from '@pushpull/core';
import { createGithubConnector } from './github/create-github-connector';
import type { Connector, RateBudget } from './kit/connector';
import type { ContentPolicy } from './kit/content-policy';
import { InMemoryRateBudget } from './kit/in-memory-rate-budget';
import { rateBudgetKey } from './kit/rate-budget-key';
import { RedisRateBudget } from './kit/redis-rate-budget';
import { createOutlookConnector } from './outlook/outlook-connector';
import { createSlackConnector } from './slack/slack-connector';

/** The sources `pushpull sync` knows. */
export const SYNC_SOURCES = ['github', 'slack', 'outlook'] as const;
export type SyncSource = (typeof SYNC_SOURCES)[number];

/** The configured sources (config.sources of @pushpull/config). */
export interface SourcesConfig {
  github?: { token: string; apiUrl: string; org?: string | undefined; repos: string[] } | undefined;
  slack?: { token: string; apiUrl: string; channels: string[] } | undefined;
  graph?:
    | {
        tenantId: string;
        clientId: string;
        clientSecret: string;
        apiUrl: string;
        authorityHost: string;
        users: string[];
        /** PUSHPULL_CONTENT. */
        content?: 'full' | 'features' | undefined;
      }
    | undefined;
}

/** The variables that switch each source on, for one clear "not configured" message. */
const SOURCE_VARIABLES: Record<SyncSource, string> = {
  github: 'GITHUB_TOKEN and GITHUB_ORG or GITHUB_REPOS',
  slack: 'SLACK_TOKEN',
  outlook: 'GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET',
};

/**
 * The connector of one source from configuration. A source that is not configured, or not built
 * yet, is one PushpullError naming what to set — never a secret's value.
 *
 * @example const connector = createSourceConnector('github', config.sources);
 */
export function createSourceConnector(source: SyncSource, sources: SourcesConfig): Connector {
  switch (source) {
    case 'github': {
      const gh = sources.github;
      if (!gh) throw notConfigured(source);
      return createGithubConnector({
        token: gh.token,
        apiUrl: gh.apiUrl,
        repos: gh.repos,
        ...(gh.org ? { org: gh.org } : {}),
      });
    }
    case 'slack': {
      const sl = sources.slack;
      if (!sl) throw notConfigured(source);
      return createSlackConnector({ token: sl.token, apiUrl: sl.apiUrl, channels: sl.channels });
    }
    case 'outlook': {
      const g = sources.graph;
      if (!g) throw notConfigured(source);
      return createOutlookConnector({
        tenantId: g.tenantId,
        clientId: g.clientId,
        clientSecret: g.clientSecret,
        apiUrl: g.apiUrl,
        authorityHost: g.authorityHost,
        users: g.users,
      });
    }
  }
}

/**
 * The content policy (PUSHPULL_CONTENT) a source's sync runs with: the worker and `pushpull sync`
 * hand it to runSync, which applies it to every page. `features` is configured for Outlook only.
 *
 * @example contentPolicyOf('outlook', config.sources) // 'features' when PUSHPULL_CONTENT=features
 */
export function contentPolicyOf(source: SyncSource, sources: SourcesConfig): ContentPolicy {
  return source === 'outlook' ? (sources.graph?.content ?? 'full') : 'full';
}

/** The sources that are configured, in a stable order. */
export function configuredSources(sources: SourcesConfig): SyncSource[] {
  return SYNC_SOURCES.filter((s) => (s === 'outlook' ? sources.graph : sources[s]) !== undefined);
}

function notConfigured(source: SyncSource): PushpullError {
  return new PushpullError(
    'SOURCE_NOT_CONFIGURED',
    `${source} is not configured: set ${SOURCE_VARIABLES[source]}`,
    {
      source,
    },
  );
}

/** A source's request budget and how to release it. */
export interface SourceBudget {
  budget: RateBudget;
  close(): Promise<void>;
}

/**
 * The request budget of a source's token: in Redis when `redisUrl` is set (shared by every worker
 * of that token, keyed by a hash of it), in memory otherwise; paced by the connector's request
 * spacing when it has one.
 *
 * @example const { budget, close } = sourceBudget('github', config.sources, connector, config.redisUrl);
 */
export function sourceBudget(
  source: SyncSource,
  sources: SourcesConfig,
  connector: Connector,
  redisUrl: string | undefined,
): SourceBudget {
  const pacing = connector.requestSpacingMs ? { minIntervalMs: connector.requestSpacingMs } : {};
  if (!redisUrl) return { budget: new InMemoryRateBudget(pacing), close: async () => {} };
  const token =
    source === 'github'
      ? sources.github?.token
      : source === 'slack'
        ? sources.slack?.token
        : sources.graph
          ? `${sources.graph.tenantId}/${sources.graph.clientId}`
          : undefined;
  const budget = new RedisRateBudget(redisUrl, rateBudgetKey(source, token ?? source), pacing);
  return { budget, close: () => budget.close() };
}
