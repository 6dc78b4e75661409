const DAY_MS = 86_400_000;

/**
 * The day a report reads the org chart as of: the period's last day (`to` is exclusive), or today
 * while the period is still running.
 *
 * @example periodAsOf({ to: '2026-10-01' }, new Date('2026-12-07T10:00:00Z')) // '2026-09-30'
 */
export function periodAsOf(range: { to: string }, now: Date): string {
  const lastDay = new Date(Date.parse(`${range.to}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
  const today = now.toISOString().slice(0, 10);
  return [lastDay, today].sort()[0] as string;
}
