/**
 * Polls `check` every `everyMs` until it holds; throws naming `what` once `timeoutMs` has passed.
 *
 * @example await waitFor('all 200000 facts', async () => (await countFacts(store.db)) >= 200_000, 1_800_000, 200);
 */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  everyMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`benchmark timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
