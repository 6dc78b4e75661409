import { PushpullError } from '@pushpull/core';
import {
  type CorrectionSet,
  INITIATIVE_LABELS,
  identityCorrection,
  type LabelCorrection,
  MODE_LABELS,
  type SourceCorrection,
} from '@pushpull/metrics';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { inTransaction } from './in-transaction';
import { CORRECTION_VERSION_KEY } from './migrations/0004-label-correction';
import type { DB } from './schema';
import { getSetting } from './user-repository';

/** The kinds of label a correction applies to: the mode (push/pull/neutral), the initiative of pushes. */
export const CORRECTION_KINDS = ['mode', 'initiative'] as const;
export type CorrectionKind = (typeof CORRECTION_KINDS)[number];

const LABELS_OF: Readonly<Record<CorrectionKind, readonly string[]>> = {
  mode: MODE_LABELS,
  initiative: INITIATIVE_LABELS,
};

const square = (size: number) => z.array(z.array(z.number()).length(size)).length(size);

/** A `LabelCorrection` of one kind: its classes in the kind's order, a k × k inverse, a k² × k² covariance. */
function labelCorrectionSchema(kind: CorrectionKind) {
  const labels = LABELS_OF[kind];
  const k = labels.length;
  return z.object({
    labels: z
      .array(z.string())
      .refine((l) => l.join() === labels.join(), { message: `labels must be ${labels.join(', ')}` }),
    inverse: square(k),
    covariance: square(k * k),
    items: z.number().nonnegative(),
  });
}

/** Validates one event source's corrections (mode and initiative), e.g. before they are stored. */
export const sourceCorrectionSchema = z.object({
  mode: labelCorrectionSchema('mode'),
  initiative: labelCorrectionSchema('initiative'),
});

/** Validates a `CorrectionSet` of @pushpull/metrics: corrections per event source. */
export const correctionSetSchema = z.record(z.string().min(1), sourceCorrectionSchema);

const versionSchema = z.string().trim().min(1);

/** What `writeLabelCorrections` did. */
export interface WriteLabelCorrectionsResult {
  /** Rows inserted or changed (an identical row is left alone). */
  written: number;
  /** Rows of this version whose source is no longer in the set. */
  removed: number;
}

/**
 * Stores the label corrections of a classifier version, one row per event source and kind (table
 * `label_correction`), so that the analytics views and reports correct with them: afterwards the
 * version's corrections are exactly `corrections` (sources left out are removed, and read as
 * identity). Idempotent: rows that are already equal are not rewritten. With `inUse` (the default)
 * the version also becomes the one the views use (setting `label_correction.version`). One
 * transaction. Throws PushpullError `STORE_INVALID_ARGUMENT` for a bad version or set.
 *
 * @example
 * await writeLabelCorrections(store.db, CLASSIFIER_VERSION, {
 *   slack: { mode: labelCorrection(chat.mode), initiative: labelCorrection(chat.initiative) },
 * });
 */
export async function writeLabelCorrections(
  db: Kysely<DB>,
  classifierVersion: string,
  corrections: CorrectionSet,
  options: { inUse?: boolean } = {},
): Promise<WriteLabelCorrectionsResult> {
  const version = versionSchema.safeParse(classifierVersion);
  if (!version.success) {
    throw new PushpullError('STORE_INVALID_ARGUMENT', 'classifier version must be a non-empty string', {
      classifierVersion,
    });
  }
  const parsed = correctionSetSchema.safeParse(corrections);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PushpullError(
      'STORE_INVALID_ARGUMENT',
      `invalid label corrections at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
      { classifierVersion: version.data },
      { cause: parsed.error },
    );
  }
  const sources = Object.keys(parsed.data).sort();
  const rows = sources.flatMap((source) =>
    CORRECTION_KINDS.map((kind) => {
      const c = (parsed.data[source] as SourceCorrection)[kind];
      return {
        classifier_version: version.data,
        source,
        kind,
        labels: JSON.stringify(c.labels),
        inverse: JSON.stringify(c.inverse),
        covariance: JSON.stringify(c.covariance),
        items: c.items,
      };
    }),
  );
  return inTransaction(db, async (tx) => {
    let removeQuery = tx.deleteFrom('label_correction').where('classifier_version', '=', version.data);
    if (sources.length > 0) removeQuery = removeQuery.where('source', 'not in', sources);
    const removed = await removeQuery.executeTakeFirst();
    let written = 0;
    if (rows.length > 0) {
      const result = await tx
        .insertInto('label_correction')
        .values(rows)
        .onConflict((oc) =>
          oc
            .columns(['classifier_version', 'source', 'kind'])
            .doUpdateSet((eb) => ({
              labels: eb.ref('excluded.labels'),
              inverse: eb.ref('excluded.inverse'),
              covariance: eb.ref('excluded.covariance'),
              items: eb.ref('excluded.items'),
              updated_at: sql`now()`,
            }))
            .where(
              sql<boolean>`(label_correction.labels, label_correction.inverse, label_correction.covariance, label_correction.items)
                is distinct from (excluded.labels, excluded.inverse, excluded.covariance, excluded.items)`,
            ),
        )
        .executeTakeFirst();
      written = Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    if (options.inUse ?? true) {
      await tx
        .insertInto('setting')
        .values({ key: CORRECTION_VERSION_KEY, value: version.data })
        .onConflict((oc) =>
          oc
            .column('key')
            .doUpdateSet((eb) => ({ value: eb.ref('excluded.value') }))
            .where(sql<boolean>`setting.value is distinct from excluded.value`),
        )
        .execute();
    }
    return { written, removed: Number(removed.numDeletedRows) };
  });
}

/**
 * The classifier version whose label corrections the analytics views use, or null when none was
 * written (every source is then taken as labelled right).
 *
 * @example await readCorrectionVersion(store.db) // '0.3.0'
 */
export async function readCorrectionVersion(db: Kysely<DB>): Promise<string | null> {
  return getSetting(db, CORRECTION_VERSION_KEY);
}

/**
 * The label corrections of a classifier version (default: the one in use, as the views see it) as a
 * `CorrectionSet` of @pushpull/metrics, checked with zod. A source with only one kind stored gets
 * identity for the other; no version in use gives `{}` (every source identity), as in the views.
 * A stored row that does not parse throws PushpullError `STORE_INCONSISTENT`.
 *
 * @example
 * const corrections = await readLabelCorrections(store.db);
 * leaderEstimates(bySource, { corrections, minVolume, maxIntervalWidth });
 */
export async function readLabelCorrections(
  db: Kysely<DB>,
  classifierVersion?: string,
): Promise<CorrectionSet> {
  const version = classifierVersion ?? (await readCorrectionVersion(db));
  if (version === null) return {};
  const rows = await db
    .selectFrom('label_correction')
    .select(['source', 'kind', 'labels', 'inverse', 'covariance', 'items'])
    .where('classifier_version', '=', version)
    .orderBy('source')
    .orderBy('kind')
    .execute();
  const bySource = new Map<string, Partial<Record<CorrectionKind, LabelCorrection>>>();
  for (const row of rows) {
    const kind = CORRECTION_KINDS.find((k) => k === row.kind);
    const parsed = kind
      ? labelCorrectionSchema(kind).safeParse({
          labels: row.labels,
          inverse: row.inverse,
          covariance: row.covariance,
          items: Number(row.items),
        })
      : undefined;
    if (!kind || !parsed?.success) {
      throw new PushpullError(
        'STORE_INCONSISTENT',
        `label_correction of ${row.source} (${row.kind}) for classifier ${version} does not parse: ${
          parsed?.error?.issues[0]?.message ?? 'unknown kind'
        }`,
        { classifierVersion: version, source: row.source, kind: row.kind },
        parsed && !parsed.success ? { cause: parsed.error } : undefined,
      );
    }
    bySource.set(row.source, { ...bySource.get(row.source), [kind]: parsed.data });
  }
  const out: Record<string, SourceCorrection> = {};
  for (const [source, c] of bySource) {
    out[source] = {
      mode: c.mode ?? identityCorrection(MODE_LABELS),
      initiative: c.initiative ?? identityCorrection(INITIATIVE_LABELS),
    };
  }
  return out;
}
