import { PushpullError } from '@pushpull/core';

/** Options of a simulation (`pushpull simulate`, docs/contracts.md §6). */
export interface SimulationOptions {
  /** Any safe integer; the same seed and options give byte-identical output. */
  seed: number;
  /** Number of employees, 1–50 000. */
  people: number;
  /** Length of the period in days, 1–3660. */
  days: number;
  /** First day of the period, `YYYY-MM-DD` (UTC). */
  start: string;
  /** Email domain of the organisation; default `acme.example`. */
  orgDomain?: string;
}

/** SimulationOptions with every default filled in. */
export type ResolvedSimulationOptions = Required<SimulationOptions>;

/** The default email domain of the simulated organisation. */
export const DEFAULT_ORG_DOMAIN = 'acme.example';

/**
 * Checks simulation options and fills in defaults. Throws a PushpullError `SIMULATION_OPTIONS_INVALID`
 * naming the option and what is wrong.
 *
 * @example resolveSimulationOptions({ seed: 1, people: 50, days: 30, start: '2026-01-05' }).orgDomain // 'acme.example'
 */
export function resolveSimulationOptions(options: SimulationOptions): ResolvedSimulationOptions {
  const { seed, people, days, start } = options;
  const orgDomain = (options.orgDomain ?? DEFAULT_ORG_DOMAIN).trim().toLowerCase();
  if (!Number.isSafeInteger(seed)) fail('seed', `must be an integer, got ${String(seed)}`);
  if (!Number.isInteger(people) || people < 1 || people > 50_000) {
    fail('people', `must be an integer from 1 to 50000, got ${String(people)}`);
  }
  if (!Number.isInteger(days) || days < 1 || days > 3660) {
    fail('days', `must be an integer from 1 to 3660, got ${String(days)}`);
  }
  if (typeof start !== 'string' || !isIsoDate(start))
    fail('start', `must be a date YYYY-MM-DD, got ${String(start)}`);
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(orgDomain)) {
    fail('orgDomain', `must be a domain like acme.example, got ${String(options.orgDomain)}`);
  }
  return { seed, people, days, start, orgDomain };
}

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

function fail(option: string, problem: string): never {
  throw new PushpullError('SIMULATION_OPTIONS_INVALID', `simulation option ${option}: ${problem}`, {
    option,
  });
}
