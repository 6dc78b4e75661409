/** A stream a command reads: the process's stdin, or a test's input. */
export type CliInput = NodeJS.ReadableStream & { readonly isTTY?: boolean };

/**
 * A stream a command writes to: the process's stdout or stderr, or a test's buffer. `isTTY`,
 * `columns` and `hasColors` are read as on a `tty.WriteStream` (absent: not a terminal).
 */
export type CliOutput = NodeJS.WritableStream & {
  readonly isTTY?: boolean;
  readonly columns?: number;
  hasColors?(): boolean;
};

/** The streams a command reads and writes. */
export interface CommandStreams {
  stdin: CliInput;
  stdout: CliOutput;
  stderr: CliOutput;
}

/**
 * What one `pushpull` run reads and writes: its arguments' environment and its three streams. The
 * real command passes the process's ({@link processIo}); tests pass their own, so a run in process
 * leaves no trace in `process.env` or on the test's output.
 */
export interface CliIo extends CommandStreams {
  /** The environment the configuration is read from (`parseConfig`), instead of `process.env`. */
  env: Readonly<Record<string, string | undefined>>;
}

/** The process's own stdin, stdout and stderr: what a command uses when it is given nothing else. */
export function processStreams(): CommandStreams {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
}

/** The process's streams and environment: what `bin/pushpull.mjs` runs with. */
export function processIo(): CliIo {
  return { ...processStreams(), env: process.env };
}
