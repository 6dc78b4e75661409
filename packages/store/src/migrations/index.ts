import type { Migration } from 'kysely';
import { initialMigration } from './0001-initial';
import { analyticsMigration } from './0002-analytics';
import { classifierStateMigration } from './0003-classifier-state';
import { labelCorrectionMigration } from './0004-label-correction';
import { orgAsOfMigration } from './0005-org-as-of';
import { databaseConnectMigration } from './0006-database-connect';
import { erasureAuditMigration } from './0007-erasure-audit';
import { fullPeriodTeamsMigration } from './0008-full-period-teams';
import { pseudonymisedAnalyticsMigration } from './0009-pseudonymised-analytics';
import { jitOffMigration } from './0010-jit-off';
import { factRollupDirectionsMigration } from './0011-fact-rollup-directions';
import { conversationTrailMigration } from './0012-conversation-trail';

/** Every migration, by name; names sort in the order they run. Append, never edit a shipped one. */
export const migrations: Readonly<Record<string, Migration>> = {
  '0001-initial': initialMigration,
  '0002-analytics': analyticsMigration,
  '0003-classifier-state': classifierStateMigration,
  '0004-label-correction': labelCorrectionMigration,
  '0005-org-as-of': orgAsOfMigration,
  '0006-database-connect': databaseConnectMigration,
  '0007-erasure-audit': erasureAuditMigration,
  '0008-full-period-teams': fullPeriodTeamsMigration,
  '0009-pseudonymised-analytics': pseudonymisedAnalyticsMigration,
  '0010-jit-off': jitOffMigration,
  '0011-fact-rollup-directions': factRollupDirectionsMigration,
  '0012-conversation-trail': conversationTrailMigration,
};
