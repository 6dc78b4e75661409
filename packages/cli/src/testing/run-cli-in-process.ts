import { Readable, Writable } from 'node:stream';
import { runPushpull } from '../run-pushpull';

/** A stream that keeps what is written to it; `text()` is all of it as UTF-8. */
function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/**
 * Test helper: runs a `pushpull` command line in this process ({@link runPushpull}) and returns its
 * exit status and output, as {@link runCli} does for a child process but without starting Node: the
 * environment is a clean one (PATH and HOME, so embedded services) plus `env`, passed to the run,
 * never put in `process.env`; `input` is stdin (empty when absent); stdout and stderr are captured,
 * not terminals. Every run builds its own command tree and opens and closes its own store. For
 * commands that end; `serve` and `start` run until a signal ends the process, so test them with
 * `runCli`.
 *
 * @example const r = await runCliInProcess(['org', 'export'], { PUSHPULL_DATA_DIR: dir }); r.code // 0
 */
export async function runCliInProcess(args: string[], env: Record<string, string>, input?: string) {
  const stdout = collector();
  const stderr = collector();
  const code = await runPushpull(args, {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdin: Readable.from(input === undefined ? [] : [Buffer.from(input, 'utf8')]),
    stdout: stdout.stream,
    stderr: stderr.stream,
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
