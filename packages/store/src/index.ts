export * from './account-repository';
export * from './conversation-repository';
export * from './cursor-repository';
export * from './dashboard-queries';
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
export * from './leader-repository';
export * from './merge-org-snapshot';
export { migrateStore } from './migrate-store';
export { openStore, type Store, type StoreConfig } from './open-store';
export {
  ALWAYS,
  loadOrgRows,
  ORG_CSV_PROVENANCE,
  type OrgPersonInput,
  replaceOrgChart,
} from './org-repository';
export { PGliteDialect, type PGliteDialectConfig } from './pglite-dialect';
export { redactDatabaseUrl } from './redact-database-url';
export type * from './schema';
export { createScratchDatabase, type ScratchDatabase } from './scratch-database';
export * from './user-repository';
