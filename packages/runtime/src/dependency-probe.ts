/** The external dependencies a pushpull process may use (embedded PGlite and bus are never probed). */
export const DEPENDENCY_NAMES = ['postgres', 'kafka', 'redis'] as const;
export type DependencyName = (typeof DEPENDENCY_NAMES)[number];

/**
 * One cheap check that a dependency answers. `check` resolves when it does and rejects with a short
 * reason otherwise; it must give up (close its connection) when `signal` aborts, which the caller
 * does after its timeout. Implementations: {@link postgresProbe}, {@link kafkaProbe},
 * {@link redisProbe}.
 *
 * @example const probe: DependencyProbe = { name: 'redis', target: '127.0.0.1:6379', check: async () => {} };
 */
export interface DependencyProbe {
  name: DependencyName;
  /** Where it is, safe to print (`host:port`, never credentials). */
  target: string;
  /** Strings scrubbed from any reason before it is shown (passwords). */
  secrets?: readonly string[];
  check(signal: AbortSignal): Promise<void>;
}
