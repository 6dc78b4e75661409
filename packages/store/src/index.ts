export * from './account-repository';
export * from './apply-retention';
export * from './audit-repository';
export * from './connection-error';
export * from './conversation-repository';
export * from './conversation-trail-repository';
export * from './cursor-repository';
export * from './dashboard-queries';
export * from './erase-person';
export {
  countFacts,
  type EdgeInput,
  type FactInput,
  type LabeledBatchInput,
  type LabeledBatchResult,
  type OffsetInput,
  readOffsets,
  recordLabeledBatch,
} from './fact-repository';
export * from './full-period-reports';
export * from './identity-conflict-repository';
export * from './installation-key';
export * from './label-correction-repository';
export {
  type CountsByDirection,
  type DateRange,
  type DirectionCounts,
  type LeaderCounts,
  type PersonCounts,
  queryLeaderCounts,
  queryPersonCounts,
} from './leader-repository';
export * from './merge-org-snapshot';
export * from './metric-settings';
export { migratedTemplatePath, migrateStore } from './migrate-store';
export { ANALYST_ROLE } from './migrations/0002-analytics';
export { CORRECTION_VERSION_KEY, INTERVAL_Z } from './migrations/0004-label-correction';
export { VIEW_MIN_GROUP_SIZE } from './migrations/0008-full-period-teams';
export { HR_ROLE } from './migrations/0009-pseudonymised-analytics';
export { openStore, type Store, type StoreConfig } from './open-store';
export { type OrgMember, queryOrgAsOf } from './org-as-of';
export {
  ALWAYS,
  loadOrgRows,
  ORG_CSV_PROVENANCE,
  type OrgPersonInput,
  replaceOrgChart,
} from './org-repository';
export * from './org-version';
export { PGliteDialect, type PGliteDialectConfig } from './pglite-dialect';
export * from './postgres-tls';
export * from './pseudonym';
export { lockFactTables, type RebuildRollupsResult, rebuildRollups } from './rebuild-rollups';
export { redactDatabaseUrl } from './redact-database-url';
export { type ReplaceFactsResult, replaceFacts } from './replace-facts';
export * from './report-repository';
export { directionsByFact, factDirections, type RollupDay, rederiveRollups } from './rollup-rule';
export type * from './schema';
export * from './suppression-repository';
export { toFact } from './to-fact';
export * from './user-repository';
