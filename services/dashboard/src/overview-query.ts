import { z } from 'zod';
import type { OrgIndex } from './org-index';

/** The filters of the org overview: a department and a level (depth in the management tree). */
export interface OverviewFilters {
  /** The `department` column of the org chart; null = every department. */
  department: string | null;
  /** Managers above the leader (0 = the top of the chart); null = every level. */
  level: number | null;
}

/** An empty query value (`?level=`) means "no filter", as an "all" choice of a form sends it. */
const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);

/**
 * The query of `GET /api/overview` (besides `period`, which every route shares). Level is a whole
 * number written in digits, so `1e1`, ` 2` or `-1` are refused rather than guessed at.
 */
export const OverviewQuerySchema = z.object({
  department: z.preprocess(
    blankToUndefined,
    z
      .string()
      .max(200, 'at most 200 characters')
      .refine((s) => s.trim() === s, 'no leading or trailing spaces')
      .optional(),
  ),
  level: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{1,3}$/, 'a whole number from 0 (the top of the org chart) to 999')
      .transform(Number)
      .optional(),
  ),
});

/** A parsed overview query, or the parameter that was wrong and why. */
export type ParsedOverviewQuery =
  | { ok: true; filters: OverviewFilters }
  | { ok: false; parameter: string; message: string };

/**
 * Validates the overview's query parameters. The error names the parameter, so the API can answer
 * `400 {"error": "level: a whole number from 0 …"}`.
 *
 * @example
 * parseOverviewQuery({ department: 'Sales', level: '1' }) // { ok: true, filters: { department: 'Sales', level: 1 } }
 * parseOverviewQuery({ level: 'top' }).ok                   // false, parameter 'level'
 */
export function parseOverviewQuery(query: Record<string, string | undefined>): ParsedOverviewQuery {
  const parsed = OverviewQuerySchema.safeParse({ department: query.department, level: query.level });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const parameter = String(issue?.path[0] ?? 'query');
    return { ok: false, parameter, message: `${parameter}: ${issue?.message ?? 'invalid'}` };
  }
  return {
    ok: true,
    filters: { department: parsed.data.department ?? null, level: parsed.data.level ?? null },
  };
}

/**
 * A well-formed filter that matches nothing in the org chart of the day: a department no leader is
 * in, or a level no leader is at. Returns the parameter and a message for a 400, or null.
 *
 * @example unknownFilter({ department: 'Sails', level: null }, org, '2026-09-30')?.message // 'department: no leader is in "Sails" …'
 */
export function unknownFilter(
  filters: OverviewFilters,
  org: OrgIndex,
  asOf: string,
): { parameter: string; message: string } | null {
  const leaders = org.leaders();
  if (filters.department !== null && !leaders.some((l) => l.department === filters.department)) {
    return {
      parameter: 'department',
      message: `department: no leader is in a department named "${filters.department}" in the org chart on ${asOf}`,
    };
  }
  if (filters.level !== null && !leaders.some((l) => org.level(l.personId) === filters.level)) {
    const levels = [...new Set(leaders.map((l) => org.level(l.personId)))].sort((a, b) => a - b);
    return {
      parameter: 'level',
      message: `level: no leader is at level ${filters.level} in the org chart on ${asOf} (leaders are at levels ${levels.join(', ') || 'none'})`,
    };
  }
  return null;
}
