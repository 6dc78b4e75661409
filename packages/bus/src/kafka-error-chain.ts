/**
 * The errors inside a Kafka client error, the error itself first: its `cause` chain, kafkajs's
 * `originalError`, and the `errors` of an AggregateError (@platformatic/kafka reports retried or
 * multi-broker failures as one `MultipleErrors` holding each attempt's error). Depth-first, at most
 * `limit` errors, so a cyclic chain cannot loop.
 *
 * @example for (const e of kafkaErrorChain(err)) if ((e as { code?: unknown }).code === 'ECONNREFUSED') return true;
 */
export function* kafkaErrorChain(err: unknown, limit = 32): Generator<Error> {
  const stack: unknown[] = [err];
  const seen = new Set<unknown>();
  while (stack.length > 0 && seen.size < limit) {
    const e = stack.pop();
    if (!(e instanceof Error) || seen.has(e)) continue;
    seen.add(e);
    yield e;
    const nested: unknown[] = [];
    if (e instanceof AggregateError && Array.isArray(e.errors)) nested.push(...e.errors);
    const original = (e as { originalError?: unknown }).originalError;
    if (original !== undefined) nested.push(original);
    if (e.cause !== undefined) nested.push(e.cause);
    for (let i = nested.length - 1; i >= 0; i--) stack.push(nested[i]);
  }
}

/**
 * Whether an @platformatic/kafka error, or an error it holds (its `findBy`: the error itself and the
 * errors of a `MultipleErrors`), has `property` equal to `value`; false for any other error.
 *
 * @example platformaticErrorWith(err, 'apiId', 'INVALID_SESSION_TIMEOUT')
 */
export function platformaticErrorWith(err: unknown, property: string, value: unknown): boolean {
  return Boolean(
    (err as { findBy?: (k: string, v: unknown) => unknown } | null | undefined)?.findBy?.(property, value),
  );
}
