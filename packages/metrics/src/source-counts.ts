import { type DirectionCounts, mergeDirectionCounts } from './direction-counts';
import type { SourceDirectionCounts } from './leader-estimates';

/** Counts of one person from one event source, over a whole range (`week` null) or in one week. */
export interface SourceCountRow {
  personId: string;
  source: string;
  /** The week's Monday ('YYYY-MM-DD'), or null for a whole-range row. */
  week: string | null;
  counts: DirectionCounts;
}

/**
 * Groups per-source count rows by person and week: person → week (`''` for a whole-range row) →
 * source → counts; rows of the same person, week and source are added up.
 *
 * @example groupSourceCounts(rows).get('p:lea@acme.io')?.get('2026-07-06')?.slack?.up?.push
 */
export function groupSourceCounts(
  rows: readonly SourceCountRow[],
): Map<string, Map<string, Record<string, DirectionCounts>>> {
  const out = new Map<string, Map<string, Record<string, DirectionCounts>>>();
  for (const r of rows) {
    const person = out.get(r.personId) ?? new Map<string, Record<string, DirectionCounts>>();
    const week = person.get(r.week ?? '') ?? {};
    week[r.source] = mergeDirectionCounts(week[r.source] ?? {}, r.counts);
    person.set(r.week ?? '', week);
    out.set(r.personId, person);
  }
  return out;
}

/**
 * Adds up several counts per source (e.g. the weeks of a period) source by source.
 *
 * @example sumSourceCounts([...weeks.values()]).slack?.down?.pull
 */
export function sumSourceCounts(parts: Iterable<SourceDirectionCounts>): Record<string, DirectionCounts> {
  const out: Record<string, DirectionCounts> = {};
  for (const part of parts) {
    for (const [source, c] of Object.entries(part)) out[source] = mergeDirectionCounts(out[source] ?? {}, c);
  }
  return out;
}
