import { isPushpullError } from '@pushpull/core';

/** Something that runs until stopped. */
export interface Stoppable {
  stop(): Promise<void>;
}

/**
 * Runs a service's main: on a start-up error prints ONE line (`pushpull <name>: <message>`) and
 * exits 1 — no stack of retries; on SIGINT/SIGTERM stops cleanly and exits 0.
 *
 * @example runMain('aggregator', async () => startEverything());
 */
export function runMain(name: string, start: () => Promise<Stoppable>): void {
  let running: Stoppable | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    try {
      await running?.stop();
    } finally {
      process.exit(code);
    }
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  start()
    .then((r) => {
      running = r;
    })
    .catch((err: unknown) => {
      process.stderr.write(`pushpull ${name}: ${describeError(err)}\n`);
      process.exit(1);
    });
}

/** One line describing an error for a person: the message, and the code for PushpullErrors. */
export function describeError(err: unknown): string {
  if (isPushpullError(err)) return `${err.message} [${err.code}]`;
  if (err instanceof Error) return err.message;
  return String(err);
}
