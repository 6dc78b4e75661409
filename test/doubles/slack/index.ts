export {
  loadSlackExportSeed,
  SEED_BOT_TOKEN,
  SEED_USER_TOKEN,
} from './load-slack-export-seed';
export type * from './slack-seed';
export { compareSlackTs, type PostMessageInput, SlackWorkspace, type TsRange } from './slack-workspace';
export {
  type SlackDouble,
  type SlackDoubleOptions,
  type SlackFaults,
  type SlackRequestRecord,
  type SlackTier,
  startSlackDouble,
} from './start-slack-double';
export { createTestClock, type TestClock } from './test-clock';
