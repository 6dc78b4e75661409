import type { GraphDouble } from './start-graph-double';

/**
 * The environment a pushpull process (CLI, service) needs to sync from `graph`: the seed's app
 * credentials, the double's Graph and authority URLs, and its throwaway CA to trust.
 *
 * @example spawnEntry(CLI_BIN, ['sync', 'outlook', '--once'], { ...graphDoubleEnv(graph), PUSHPULL_DATA_DIR: dir });
 */
export function graphDoubleEnv(graph: GraphDouble): Record<string, string> {
  return {
    GRAPH_TENANT_ID: graph.seed.app.tenantId,
    GRAPH_CLIENT_ID: graph.seed.app.clientId,
    GRAPH_CLIENT_SECRET: graph.seed.app.clientSecret,
    GRAPH_API_URL: graph.apiUrl,
    GRAPH_AUTHORITY_HOST: graph.url,
    NODE_EXTRA_CA_CERTS: graph.caPath,
  };
}
