import { PushpullError } from '@pushpull/core';
import type { SyncContext } from '../kit/connector';
import { type GithubClient, statusOf } from './github-client';
import { GithubRepoSchema } from './github-schemas';

/**
 * The repositories to sync: every repository of `org` (`GET /orgs/{org}/repos?type=all`, paged)
 * plus the listed ones (`owner/name`), once each (case-insensitive), archived ones included
 * (their history is still activity).
 *
 * @example await listRepositories(client, { apiUrl, org: 'acme', repos: [], perPage: 100, log })
 */
export async function listRepositories(
  client: GithubClient,
  options: {
    apiUrl: string;
    org?: string;
    repos: readonly string[];
    perPage: number;
    log: SyncContext['log'];
  },
): Promise<string[]> {
  const names = new Map<string, string>();
  const add = (name: string) => {
    if (!names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
  };
  if (options.org) {
    let url: string | null =
      `${options.apiUrl.replace(/\/+$/, '')}/orgs/${encodeURIComponent(options.org)}/repos?type=all&per_page=${options.perPage}`;
    while (url) {
      let page: Awaited<ReturnType<GithubClient['getPage']>>;
      try {
        page = await client.getPage(url);
      } catch (err) {
        if (statusOf(err) === 404) {
          throw new PushpullError(
            'GITHUB_ORG_NOT_FOUND',
            `GitHub organisation ${options.org} not found (404): check GITHUB_ORG and the token's access`,
            { org: options.org },
            { cause: err },
          );
        }
        throw err;
      }
      for (const item of page.items) {
        const r = GithubRepoSchema.safeParse(item);
        if (r.success) add(r.data.full_name);
        else options.log('warn', { org: options.org }, 'skipped an unexpected repository item');
      }
      url = page.next;
    }
  }
  for (const repo of options.repos) add(repo);
  return [...names.values()];
}
