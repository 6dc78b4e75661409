export { graphDoubleEnv } from './graph-double-env';
export {
  GRAPH_SEED_APP,
  GRAPH_SEED_TENANT,
  type GraphRecipient,
  type GraphSeed,
  type GraphSeedApp,
  type GraphSeedEvent,
  type GraphSeedGroup,
  type GraphSeedMessage,
  type GraphSeedUser,
  loadGraphSeed,
} from './graph-seed';
export {
  type GraphDouble,
  type GraphDoubleOptions,
  type GraphFaults,
  type GraphRequestKind,
  type GraphRequestRecord,
  type NewMessage,
  startGraphDouble,
} from './start-graph-double';
export { createThrowawayCertificate, type ThrowawayCertificate } from './throwaway-certificate';
