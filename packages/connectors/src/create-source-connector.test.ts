import { isPushpullError } from '@pushpull/core';
import { describe, expect, it } from 'vitest';
import { configuredSources, createSourceConnector, sourceBudget } from './create-source-connector';
import { InMemoryRateBudget } from './kit/in-memory-rate-budget';

const github = { token: 'ghp_x', apiUrl: 'https://api.github.com', repos: ['acme/api'] };
const slack = { token: 'xoxb-y', apiUrl: 'https://slack.com/api/', channels: [] };

describe('createSourceConnector', () => {
  it('builds the connector of a configured source', () => {
    expect(createSourceConnector('github', { github }).source).toBe('github');
    expect(createSourceConnector('slack', { slack }).source).toBe('slack');
  });

  it('names what to set for a source that is not configured', () => {
    for (const [source, message] of [
      ['github', /github is not configured: set GITHUB_TOKEN and GITHUB_ORG or GITHUB_REPOS/],
      ['slack', /slack is not configured: set SLACK_TOKEN/],
      ['outlook', /outlook is not configured: set GRAPH_TENANT_ID/],
    ] as const) {
      try {
        createSourceConnector(source, {});
        expect.unreachable();
      } catch (err) {
        expect(isPushpullError(err, 'SOURCE_NOT_CONFIGURED')).toBe(true);
        expect((err as Error).message).toMatch(message);
      }
    }
    const graph = {
      tenantId: 't',
      clientId: 'c',
      clientSecret: 's',
      apiUrl: 'https://graph.microsoft.com/v1.0',
      authorityHost: 'https://login.microsoftonline.com',
      users: [],
    };
    expect(createSourceConnector('outlook', { graph }).source).toBe('outlook');
    expect(() => createSourceConnector('outlook', { graph: { ...graph, apiUrl: 'http://x' } })).toThrow(
      /GRAPH_API_URL: must be an https:\/\/ URL/,
    );
  });

  it('lists the configured sources in a stable order', () => {
    expect(configuredSources({ slack, github })).toEqual(['github', 'slack']);
    expect(configuredSources({})).toEqual([]);
  });

  it('uses an in-memory budget without Redis', async () => {
    const { budget, close } = sourceBudget(
      'github',
      { github },
      createSourceConnector('github', { github }),
      undefined,
    );
    expect(budget).toBeInstanceOf(InMemoryRateBudget);
    await close();
  });
});
