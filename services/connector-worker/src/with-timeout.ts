/**
 * Rejects when `promise` has not settled within `ms` (the job keeps running in the background but
 * its result is ignored; the scheduler retries per the catalog).
 *
 * @example await withTimeout(runJob(), 60_000, 'simulated.sync');
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`job ${name} timed out after ${ms} ms`)), ms);
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
}
