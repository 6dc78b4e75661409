/** The real services integration suites may need, by environment variable. */
export type ServiceVar = 'KAFKA_BROKERS' | 'DATABASE_URL' | 'REDIS_URL';

/**
 * Every real service, for a suite that runs the whole of pushpull (the fault tests).
 *
 * @example const env = requireServices('the classifier kill -9 fault test', ALL_SERVICES);
 */
export const ALL_SERVICES: readonly ServiceVar[] = ['KAFKA_BROKERS', 'DATABASE_URL', 'REDIS_URL'];

const HINTS: Record<ServiceVar, string> = {
  KAFKA_BROKERS: 'start Kafka with `bash infra/kafka/start.sh` and set KAFKA_BROKERS=127.0.0.1:9092',
  DATABASE_URL: 'set DATABASE_URL=postgres://postgres@127.0.0.1:5432/test',
  REDIS_URL: 'set REDIS_URL=redis://127.0.0.1:6379',
};

/**
 * Decides whether a suite that needs real services runs. Returns the values when every variable is
 * set; returns null (skip) with a one-line hint on stderr when one is missing; throws when
 * PUSHPULL_REQUIRE_SERVICES=1 so that CI never silently skips an integration suite.
 *
 * @example
 * const env = requireServices('bus contract on Kafka', ['KAFKA_BROKERS']);
 * describe.skipIf(!env)('kafka', () => { ... env!.KAFKA_BROKERS ... });
 */
export function requireServices<V extends ServiceVar>(
  suite: string,
  vars: readonly V[],
  env: NodeJS.ProcessEnv = process.env,
): Record<V, string> | null {
  const missing = vars.filter((v) => !env[v]);
  if (missing.length === 0) {
    return Object.fromEntries(vars.map((v) => [v, env[v] as string])) as Record<V, string>;
  }
  const hint = `${suite}: needs ${missing.join(', ')} — ${missing.map((v) => HINTS[v]).join('; ')}`;
  if (env.PUSHPULL_REQUIRE_SERVICES === '1') {
    throw new Error(`PUSHPULL_REQUIRE_SERVICES=1 but ${hint}`);
  }
  process.stderr.write(`[skipped] ${hint}\n`);
  return null;
}

/** A name unique to this test run, for topics, consumer groups and schemas. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
