import type { DependencyName, DependencyProbe } from '../dependency-probe';

/** What a {@link fakeProbe}'s test sets (`fail`, `hang`) and reads (`calls`, `signals`). */
export interface FakeProbeState {
  /** How many times `check` ran. */
  calls: number;
  /** The error `check` throws; null = up. */
  fail: Error | null;
  /** When true, `check` answers only by rejecting once its signal aborts (a dependency that never answers). */
  hang: boolean;
  /** The abort signal of every call, in order. */
  signals: AbortSignal[];
}

/**
 * A dependency probe whose answer the test sets through `state`, counting its calls; its target is
 * `<name>.test:1` and `secrets` are scrubbed from its reasons as a real probe's password is.
 *
 * @example
 * const pg = fakeProbe('postgres', ['hunter2']);
 * pg.state.fail = new Error('password hunter2 refused'); // the next check is down, reason 'password *** refused'
 */
export function fakeProbe(
  name: DependencyName,
  secrets: string[] = [],
): { probe: DependencyProbe; state: FakeProbeState } {
  const state: FakeProbeState = { calls: 0, fail: null, hang: false, signals: [] };
  const probe: DependencyProbe = {
    name,
    target: `${name}.test:1`,
    secrets,
    async check(signal) {
      state.calls++;
      state.signals.push(signal);
      if (state.hang) {
        await new Promise((_, reject) =>
          signal.addEventListener('abort', () => reject(new Error('aborted'))),
        );
      }
      if (state.fail) throw state.fail;
    },
  };
  return { probe, state };
}
